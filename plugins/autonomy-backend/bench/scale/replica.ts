import { heard, peakRssMb, tell } from './children';
import { pipelineOfThisProcess } from './childPipeline';
import { SHARD_LOOK_SECONDS } from '../../src/run/analysisTask';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Child process: the second replica. Builds the same pipeline and, from "go" until "stop",
 * works whatever shards of the current run are left (workShards() claims them with SKIP LOCKED
 * and returns when none is left; a run may not have been opened yet, so it asks again, as often as
 * the plugin's local task does).
 * Tells "unsupported" and exits if the pipeline cannot work shards.
 */
async function main() {
  const { db, pipeline } = await pipelineOfThisProcess();
  const workShards = pipeline.workShards;
  if (!workShards) {
    await tell({ type: 'unsupported' });
    await db.destroy();
    process.disconnect?.();
    return;
  }
  const go = heard('go');
  let stopped = false;
  heard('stop').then(() => {
    stopped = true;
  });
  await tell({ type: 'ready' });
  await go;
  let shards = 0;
  while (!stopped) {
    const done = await workShards();
    if (typeof done === 'number') shards += done;
    // As often as the plugin's local task looks: the replica joins a run as late as it would.
    await sleep(SHARD_LOOK_SECONDS * 1000);
  }
  await db.destroy();
  await tell({ type: 'result', shards, peakRssMb: peakRssMb() });
  process.disconnect?.();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
