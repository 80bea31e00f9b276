/**
 * Runs before every test file (vitest.config.ts `setupFiles`): fast-check draws from the run seed
 * (test/helpers/run-seed.ts), so a property that fails names a seed that reproduces it; FC_PATH, as a
 * failure prints it, replays a counterexample directly. Every failed test prints how to rerun it.
 */
import fc from 'fast-check';
import { beforeEach } from 'vitest';
import { RUN_SEED, rerunHint, runs } from './run-seed.js';

const path = process.env['FC_PATH'];
fc.configureGlobal({ seed: RUN_SEED, numRuns: runs(100), ...(path !== undefined && path !== '' ? { path, endOnFailure: true } : {}) });

beforeEach((context) => {
  context.onTestFailed(() => {
    const file = context.task.file?.name;
    console.error(`\n${context.task.name}: ${rerunHint(file, context.task.name)}\n`);
  });
});
