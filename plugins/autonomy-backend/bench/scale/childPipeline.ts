import { ConfigReader } from '@backstage/config';
import { generatedCatalog } from './catalog';
import { jobOfThisProcess } from './children';
import { autonomyConfig } from './config';
import { openKnex } from './databases';
import { orgOf } from './org';
import { createScalePipeline } from './pipeline';

/** In a run or replica process: the pipeline over the job's database and generated catalog. */
export async function pipelineOfThisProcess() {
  const job = jobOfThisProcess();
  const db = openKnex(job.target);
  const pipeline = await createScalePipeline({
    database: { getClient: async () => db },
    catalog: generatedCatalog(orgOf(job.entities), job.generation),
    config: new ConfigReader(autonomyConfig(job.guardrails)),
  });
  return { db, pipeline };
}
