/**
 * Timing policy shared by the JavaScript worker (the Python and Lisp workers mirror it): one first run, then,
 * unless it took over a second, repeats until about `budgetMs` has been spent on them and at least
 * `MIN_REPEATS` were made (at most `maxReps`). The reported time is the median of the repeats (of the first
 * run alone when there are none): a case whose first run takes 0.4–1 s is still timed warm, as Maxima's
 * worker times it. The first run is reported on its own too.
 */
export const BUDGET_MS = 400;
export const MAX_REPS = 5000;
export const MIN_REPEATS = 3;

export async function timeRuns(fn, prepare = () => {}) {
  const once = async () => {
    // Each run in its own job of the event loop, as a program answering requests runs them (untimed): an object
    // a WeakRef hands out stays alive until the current job ends, so one synchronous loop of repeats would keep
    // every expression node of every repeat alive and time a heap that no program has.
    await new Promise((resolve) => setImmediate(resolve));
    prepare();
    const t0 = process.hrtime.bigint();
    const result = fn();
    return { result, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  };
  let { result, ms: first } = await once();
  const repeats = [];
  let spent = 0;
  if (first < 1000)
    while ((spent < BUDGET_MS || repeats.length < MIN_REPEATS) && repeats.length < MAX_REPS) {
      const run = await once();
      result = run.result;
      repeats.push(run.ms);
      spent += run.ms;
    }
  const times = repeats.length > 0 ? repeats.sort((a, b) => a - b) : [first];
  return { result, medianMs: times[Math.floor(times.length / 2)], firstMs: first, runs: 1 + repeats.length };
}
