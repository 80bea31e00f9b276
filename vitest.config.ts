import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { availableParallelism } from 'node:os';

/**
 * One seed per run (test/helpers/run-seed.ts): drawn here, in the main process, so every worker draws from the
 * same one; DERIV_TEST_SEED=<n> repeats a run.
 */
const seed = process.env['DERIV_TEST_SEED'] || String((Math.random() * 2 ** 31) | 0);
process.env['DERIV_TEST_SEED'] = seed;

/**
 * The files that take longest start first, so the short ones fill in beside them instead of one long file
 * running alone at the end (vitest orders by the last run's durations when its cache has them, which a clean
 * clone does not). The browser and SymPy files spend most of their time in Chromium and python3.
 */
const LONGEST = ['playground-browser', 'layout-browser', 'formats', 'sympy-length', 'code-torch', 'long-sums', 'code-run', 'sync-loop-memory', 'bounds', 'json-batch', 'hostile', 'browser'];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = LONGEST.findIndex((name) => f.moduleId.endsWith(`/${name}.test.ts`));
      return i < 0 ? LONGEST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: on this 2-core machine, one file at a time. The
    // browser and SymPy tests wait on other processes much of the time, so a worker per core keeps both busy.
    maxWorkers: availableParallelism(),
    // A worker keeps the modules it loaded from one test file to the next instead of loading src/, mathjs, KaTeX
    // and MathJax again for each of ~50 files (that import was ~27 s of a run; shared, ~13 s). deriv's module
    // state is caches whose contents never change an answer (the intern table, the batch's formula cache,
    // shared variable orders); every file also passes on its own (npx vitest run test/<file>).
    isolate: false,
    sequence: { sequencer: LongestFirst },
    setupFiles: ['test/helpers/setup.ts'],
    env: { DERIV_TEST_SEED: seed },
  },
});
