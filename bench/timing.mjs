/**
 * Timing policy shared by the JavaScript worker (the Python worker mirrors it):
 * one first run, then repeats until about `budgetMs` has been spent (at most
 * `maxReps`), none when the first run alone took over a second. The reported
 * time is the median of all runs; the first run is reported on its own too.
 */
export const BUDGET_MS = 400;
export const MAX_REPS = 5000;

export function timeRuns(fn, prepare = () => {}) {
  const times = [];
  let result;
  let spent = 0;
  do {
    prepare();
    const t0 = process.hrtime.bigint();
    result = fn();
    const dt = Number(process.hrtime.bigint() - t0) / 1e6;
    times.push(dt);
    spent += dt;
  } while (times[0] < 1000 && spent < BUDGET_MS && times.length < MAX_REPS);
  const first = times[0];
  times.sort((a, b) => a - b);
  return { result, medianMs: times[Math.floor(times.length / 2)], firstMs: first, runs: times.length };
}
