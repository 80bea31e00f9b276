/**
 * deriv's cold parse: the time of the first `parse(text)` in a fresh process (the library imported, nothing run
 * yet), as a command-line user pays it. Run as a child: reads the text on stdin, prints the milliseconds.
 * `coldParseMs(root, text, runs)` is the median over `runs` fresh processes.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function coldParseMs(root, text, runs = 3) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [path.join(root, 'bench/parse-cold.mjs')], { input: text, encoding: 'utf8' });
    const ms = Number(r.stdout.trim());
    if (r.status !== 0 || !Number.isFinite(ms)) return undefined;
    times.push(ms);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  const { parse } = await import('../dist/index.js');
  const t0 = process.hrtime.bigint();
  parse(text);
  process.stdout.write(`${Number(process.hrtime.bigint() - t0) / 1e6}\n`);
}
