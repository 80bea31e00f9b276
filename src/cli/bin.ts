/** Process entry for the `deriv` command: wires `run` to the real stdin/stdout/stderr. */
import { run } from './main.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s + '\n'),
  stderr: (s) => process.stderr.write(s + '\n'),
  readStdin,
  stdinIsTTY: process.stdin.isTTY === true,
  color: process.stderr.isTTY === true && process.env['NO_COLOR'] === undefined,
});
process.exitCode = code;
