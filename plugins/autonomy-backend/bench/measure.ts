/** Runs `fn` `runs` times after `warmup` runs and reports the median and best wall time. */
export function measure(
  name: string,
  fn: () => unknown,
  runs = 15,
  warmup = 3,
) {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const result = {
    name,
    medianMs: times[Math.floor(runs / 2)],
    bestMs: times[0],
    worstMs: times[runs - 1],
  };
  console.log(
    `${name.padEnd(58)} median ${result.medianMs
      .toFixed(1)
      .padStart(7)} ms   best ${result.bestMs
      .toFixed(1)
      .padStart(7)} ms   worst ${result.worstMs.toFixed(1).padStart(7)} ms`,
  );
  return result;
}
