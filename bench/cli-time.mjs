/**
 * Whole-process time: spawn the command `runs` times and take the median wall
 * time (start-up, module loading, the work and exit), as a user at a shell sees it.
 */
import { spawnSync } from 'node:child_process';

export function timeCommand(command, args, { runs = 20, cwd } = {}) {
  const times = [];
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).split('\n')[0] };
    stdout = r.stdout.trim();
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], minMs: times[0], output: stdout };
}
