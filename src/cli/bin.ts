/**
 * Process entry for the `deriv` command: wires `run` to the real stdin/stdout/stderr.
 * Bundled as CommonJS (dist/cli.cjs, see scripts/build.mjs), so no top-level await.
 * process.stdin is touched only when the expression comes from stdin: creating it loads
 * Node's stream and readline modules, which costs start-up time for nothing otherwise.
 */
import { isatty } from 'node:tty';
import { run } from './main.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// `deriv … | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

void run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s + '\n'),
  stderr: (s) => process.stderr.write(s + '\n'),
  readStdin,
  stdinIsTTY: isatty(0),
  color: isatty(2) && process.env['NO_COLOR'] === undefined,
  // --batch streams: chunks as they arrive, and writes that wait for 'drain' when the pipe is full.
  stdinChunks: () => process.stdin,
  writeStdout: (s) => (process.stdout.write(s) ? undefined : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()))),
}).then((code) => {
  process.exitCode = code;
});
