/** Runs the CLI in-process with a fake io that records stdout and stderr (stdin undefined: a terminal). */
import { run, type CliIO } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function deriv(argv: readonly string[], options: { stdin?: string; color?: boolean } = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    stdinIsTTY: options.stdin === undefined,
    color: options.color ?? false,
  };
  const code = await run(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
