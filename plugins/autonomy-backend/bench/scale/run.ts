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
  const rss = process.env.BENCH_VERBOSE ? rssEverySecond() : undefined;
  const result = await pipeline.runFull();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rss?.stop();
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

/**
 * BENCH_VERBOSE: the resident set each second of the run, printed at its end beside the run's
 * phases, to see which phase makes the peak.
 */
function rssEverySecond() {
  const samples: number[] = [];
  const timer = setInterval(
    () => samples.push(Math.round(process.memoryUsage.rss() / 2 ** 20)),
    1000,
  );
  return {
    stop() {
      clearInterval(timer);
      console.log(`RSS MB each second of the run: ${samples.join(' ')}`);
    },
  };
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
