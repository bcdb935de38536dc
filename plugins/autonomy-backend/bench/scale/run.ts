import { heard, peakRssMb, tell } from './children';
import { pipelineOfThisProcess } from './childPipeline';

/**
 * Child process: one full analysis run over the generated catalog, timed from the call to
 * runFull() until it resolves. Tells the parent "ready" once the pipeline is built (migrations
 * included) and starts on "go", so that two processes can start together.
 */
async function main() {
  const { db, pipeline } = await pipelineOfThisProcess();
  const go = heard('go');
  // The peak so far: Node, the TypeScript transform, the modules and the migrations.
  await tell({ type: 'ready', startupPeakRssMb: peakRssMb() });
  await go;
  const start = process.hrtime.bigint();
  const result = await pipeline.runFull();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await db.destroy();
  await tell({
    type: 'result',
    seconds,
    entityCount: result.entityCount,
    rowsWritten: result.rowsWritten,
    peakRssMb: peakRssMb(),
  });
  process.disconnect?.();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
