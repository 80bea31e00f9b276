/**
 * A long-lived child process per tool, asked one case at a time. A case that
 * does not answer within the limit gets the child killed (by its pid) and a
 * fresh one started for the next case, so a hang costs one limit, not the run.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export class Worker {
  constructor(command, args, cwd) {
    this.command = command;
    this.args = args;
    this.cwd = cwd;
    this.child = undefined;
  }

  #start() {
    const child = spawn(this.command, this.args, { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.on('data', () => {}); // drained; errors come back as JSON
    child.lines = createInterface({ input: child.stdout });
    child.pending = undefined;
    child.lines.on('line', (line) => {
      const resolve = child.pending;
      child.pending = undefined;
      resolve?.(JSON.parse(line));
    });
    child.on('exit', (code) => {
      const resolve = child.pending;
      child.pending = undefined;
      if (this.child === child) this.child = undefined;
      resolve?.({ error: `worker exited (${code})` });
    });
    this.child = child;
    return child;
  }

  /** The worker's answer, { timeout: true } after `limitMs`, or { error } if it died. */
  ask(c, limitMs) {
    const child = this.child ?? this.#start();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.pending = undefined;
        this.child = undefined;
        child.kill('SIGKILL');
        resolve({ timeout: true });
      }, limitMs);
      child.pending = (answer) => {
        clearTimeout(timer);
        resolve(answer);
      };
      child.stdin.write(JSON.stringify(c) + '\n');
    });
  }

  close() {
    this.child?.stdin.end();
    this.child = undefined;
  }
}
