/**
 * A long-lived child process per tool, asked one case at a time. A case that
 * does not answer within the limit gets the child killed (by its pid) and a
 * fresh one started for the next case, so a hang costs one limit, not the run.
 * By default a case is written as one JSON line and every stdout line is a JSON
 * answer; a tool that speaks its own language (Maxima) passes `encode` (case →
 * text to write) and `decode` (line, case, lines since the last answer → answer,
 * or undefined for a line that is not one).
 * A worker may answer { progress: true } first (SymPy and Maxima do, once they have read the case's f, which is
 * not timed): that restarts the limit, so reading a large input does not eat into the time for differentiating it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export class Worker {
  constructor(command, args, cwd, { encode = (c) => JSON.stringify(c) + '\n', decode = (line) => JSON.parse(line) } = {}) {
    this.command = command;
    this.args = args;
    this.cwd = cwd;
    this.encode = encode;
    this.decode = decode;
    this.child = undefined;
  }

  #start() {
    const child = spawn(this.command, this.args, { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.on('data', () => {}); // drained; errors come back as JSON
    child.lines = createInterface({ input: child.stdout });
    child.pending = undefined;
    child.case = undefined;
    child.chatter = []; // lines that were not answers, since the last answer
    child.lines.on('line', (line) => {
      const answer = this.decode(line, child.case, child.chatter);
      if (answer === undefined) {
        if (child.chatter.push(line) > 20) child.chatter.shift();
        return;
      }
      if (answer.progress === true) {
        child.onProgress?.();
        return;
      }
      child.chatter = [];
      const resolve = child.pending;
      child.pending = undefined;
      resolve?.(answer);
    });
    child.on('error', (e) => {
      const resolve = child.pending;
      child.pending = undefined;
      if (this.child === child) this.child = undefined;
      resolve?.({ error: `worker did not start: ${e.message}` });
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
      const expire = () => {
        child.pending = undefined;
        child.onProgress = undefined;
        this.child = undefined;
        child.kill('SIGKILL');
        resolve({ timeout: true });
      };
      let timer = setTimeout(expire, limitMs);
      child.onProgress = () => {
        clearTimeout(timer);
        timer = setTimeout(expire, limitMs);
      };
      child.pending = (answer) => {
        clearTimeout(timer);
        child.onProgress = undefined;
        resolve(answer);
      };
      child.case = c;
      child.stdin.write(this.encode(c));
    });
  }

  close() {
    this.child?.stdin.end();
    this.child = undefined;
  }
}
