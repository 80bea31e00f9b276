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

/** How long one sample of a short call lasts (k calls timed together), as in Maxima's worker. */
const SAMPLE_MS = 0.1;
/** Work done in one job of the event loop before the next run gets a job of its own. */
const JOB_MS = 10;

export async function timeRuns(fn, prepare = () => {}) {
  let sinceYield = 0;
  const once = async () => {
    // Runs go in jobs of the event loop of about JOB_MS each, as a program answering requests runs them (the
    // yield is untimed): an object a WeakRef hands out stays alive until the current job ends, so one synchronous
    // loop of repeats would keep every expression node of every repeat alive and time a heap that no program
    // has. Short runs share a job (a job per 5 µs call would time a cold call after every event-loop turn).
    if (sinceYield >= JOB_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sinceYield = 0;
    }
    prepare();
    const t0 = process.hrtime.bigint();
    let result;
    for (let i = 0; i < calls; i++) result = fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    sinceYield += ms;
    return { result, ms: ms / calls };
  };
  // The first run alone; then, as Maxima's worker samples, each sample is a loop of `calls` calls timed together
  // and divided (calls chosen so a sample lasts ~SAMPLE_MS): a single call of a few µs is mostly timer and
  // cold-cache noise.
  let calls = 1;
  let { result, ms: first } = await once();
  if (first < SAMPLE_MS) {
    const { ms: second } = await once();
    calls = Math.max(1, Math.min(1000, Math.round(SAMPLE_MS / Math.max(second, 1e-4))));
  }
  const repeats = [];
  let spent = 0;
  if (first < 1000)
    while ((spent < BUDGET_MS || repeats.length < MIN_REPEATS) && repeats.length < MAX_REPS) {
      const run = await once();
      result = run.result;
      repeats.push(run.ms);
      spent += run.ms * calls;
    }
  const times = repeats.length > 0 ? repeats.sort((a, b) => a - b) : [first];
  return { result, medianMs: times[Math.floor(times.length / 2)], firstMs: first, runs: 1 + repeats.length };
}
