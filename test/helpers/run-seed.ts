/**
 * The run seed: one number that decides every random draw of a test run — fast-check's properties
 * (set as their global seed in test/helpers/setup.ts) and the points `rng(k)` draws (test/helpers/oracle.ts).
 * vitest.config.ts draws it once per run and hands it to every worker in DERIV_TEST_SEED, so each run
 * tries new cases and a failure is reproduced by running again with the seed it printed:
 *
 *   DERIV_TEST_SEED=<seed> npx vitest run test/<file> -t '<test name>'
 *
 * (for a fast-check property, FC_PATH=<path> as printed goes straight to the shrunk counterexample).
 */
export const RUN_SEED: number = readSeed(process.env['DERIV_TEST_SEED']);
const SCALE = Number(process.env['PROPERTY_SCALE'] ?? 1) || 1;

/** Runs of a property: `n`, times PROPERTY_SCALE (default 1; PROPERTY_SCALE=20 soaks every property at 20×). */
export function runs(n: number): number {
  return Math.max(1, Math.ceil(n * SCALE));
}

function readSeed(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`DERIV_TEST_SEED must be an integer, got ${JSON.stringify(text)}`);
  return n | 0;
}

/** How to rerun a failed test with the same draws. */
export function rerunHint(file: string | undefined, name: string): string {
  const where = file === undefined ? '' : ` ${file}`;
  return `random draws of this run came from DERIV_TEST_SEED=${RUN_SEED}; rerun with\n  DERIV_TEST_SEED=${RUN_SEED} npx vitest run${where} -t ${JSON.stringify(name)}`;
}
