/**
 * Letting go of what WeakRefs pin, without waiting for the event loop (used by ./intern.ts).
 *
 * JavaScript keeps the target of every `new WeakRef(x)` and of every `ref.deref()` alive until the current job
 * ends (the spec's KeepDuringJob set), so a synchronous loop that makes many nodes — a program calling
 * `derivative(text, name)` 30,000 times in a plain `for` — kept every node it ever made, garbage included
 * (779 MB peak on issue 26's loop). V8 empties that set at a microtask checkpoint; a `node:vm` context created with
 * `microtaskMode: 'afterEvaluate'` runs a checkpoint of its own after each script it evaluates, synchronously. So
 * evaluating a trivial script there (≈ 1.3 µs) releases the pins mid-job. Safe: the intern table never relies on
 * a WeakRef staying full between two of its own calls (it holds what it found strongly, and a dead entry reads as
 * absent).
 *
 * Where `node:vm` is not available (a browser, Node before 20.16 without process.getBuiltinModule) there is no
 * such checkpoint: the release is undefined and the pins last until the job ends, as before. Browsers end a job
 * per event, which is how the playground runs.
 */
interface VmModule {
  createContext(sandbox: object, options: { microtaskMode: 'afterEvaluate' }): object;
  Script: new (code: string) => { runInContext(context: object): unknown };
}

/** A function that releases the current job's WeakRef pins, or undefined where that cannot be done. */
export function keptObjectsRelease(): (() => void) | undefined {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const vm = proc?.getBuiltinModule?.('node:vm') as VmModule | undefined;
    if (vm === undefined) return undefined;
    const context = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
    const script = new vm.Script('0');
    return () => {
      script.runInContext(context);
    };
  } catch {
    return undefined;
  }
}
