/**
 * Child process that differentiates cases with one JavaScript tool (argv[2]:
 * deriv | mathjs | nerdamer). Reads one JSON case per stdin line, answers one
 * JSON line: { medianMs, firstMs, runs, size, values, texts? } or { error }; texts (the printed partials, for
 * bench/size.mjs) only when the case asks for them (c.wantTexts) and they total at most MAX_TEXT_CHARS. deriv adds
 * cseSize, cseForm? (its --cse form as texts, under the same conditions) and parsedMedianMs.
 * Timed: text in → every partial printed as text (parse once, differentiate,
 * the tool's default simplification, print each partial). Values at the point are computed
 * afterwards, untimed, with the tool's own evaluator.
 */
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { timeRuns } from './timing.mjs';
import { checkedVariables } from './check.mjs';
import { seedCases } from './workloads.mjs';
import { MAX_TEXT_CHARS } from './size.mjs';

const require = createRequire(import.meta.url);
const tool = process.argv[2];

async function load() {
  if (tool === 'deriv') {
    const deriv = await import('../dist/index.js');
    return {
      // The default size limit (2,000,000 nodes) stops nest 3000 (its plain derivative is 4.5 M nodes written out).
      run: (c) => deriv.gradient(c.text, c.wrt, { maxSize: 1e9 }),
      // What SymPy and Maxima are timed on: differentiate and simplify an already-parsed f, print nothing.
      parsedRun: (c) => {
        const f = deriv.parse(c.text);
        return () => deriv.gradient(f, c.wrt, { maxSize: 1e9 });
      },
      text: (d) => d.toString(),
      value: (d, point) => d.evaluate(point),
      // The --cse form as texts: the definitions (`t1 = …`) and the partials in terms of them (no headings).
      cseForm: (ds) => {
        const { bindings, exprs } = deriv.cse(ds.map((d) => d.expr));
        const order = [...(ds[0]?.order ?? []), ...bindings.map((b) => b.name)];
        const text = (e) => deriv.toText(e, { order });
        return { definitions: bindings.map((b) => `${b.name} = ${text(b.expr)}`), partials: exprs.map(text) };
      },
    };
  }
  if (tool === 'mathjs') {
    const math = await import('mathjs');
    return {
      run: (c) => {
        const f = math.parse(c.peerText);
        return c.wrt.map((v) => math.derivative(f, v));
      },
      text: (d) => d.toString(),
      value: (d, point) => Number(d.evaluate({ ...point })),
    };
  }
  if (tool === 'nerdamer') {
    const nerdamer = require('nerdamer');
    require('nerdamer/Calculus');
    return {
      run: (c) => {
        const f = nerdamer(c.peerText);
        return c.wrt.map((v) => nerdamer.diff(f, v));
      },
      text: (d) => d.toString(),
      // buildFunction compiles to JavaScript: evaluating through nerdamer's own numerics loses digits.
      value: (d, point) => {
        const vars = Object.keys(point);
        return d.buildFunction(vars)(...vars.map((v) => point[v]));
      },
    };
  }
  throw new Error(`unknown tool ${tool}`);
}

const impl = await load();

/**
 * Before the first case, the seed examples run untimed for BENCH_WARMUP_MS (default 1000): a JIT needs that long
 * to compile the hot paths on a loaded 2-core machine (measured: deriv's first seed goes from a 51 µs median in its
 * first 0.25 s to a steady 14 µs after ~1 s), while Maxima's code is compiled ahead of time and SymPy has no JIT.
 * Without it the first cases in the list are timed on unoptimised code.
 */
const warmUpMs = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const warmUpStart = performance.now();
while (performance.now() - warmUpStart < warmUpMs)
  for (const c of seedCases()) {
    try {
      impl.run(c).map(impl.text);
    } catch {
      // a seed this tool cannot do (mathjs and max) is simply not part of its warm-up
    }
  }
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const c = JSON.parse(line);
  let answer;
  try {
    const { result, medianMs, firstMs, runs } = await timeRuns(() => {
      const ds = impl.run(c);
      return { ds, texts: ds.map(impl.text) };
    });
    const values = {};
    for (const v of checkedVariables(c)) {
      try {
        values[v] = impl.value(result.ds[c.wrt.indexOf(v)], c.point);
      } catch (e) {
        values[v] = `evaluation failed: ${String(e?.message ?? e).slice(0, 80)}`;
      }
    }
    answer = { medianMs, firstMs, runs, size: result.texts.reduce((s, t) => s + t.length, 0), values };
    if (c.wantTexts && answer.size <= MAX_TEXT_CHARS) answer.texts = result.texts;
    // deriv only, untimed: the --cse form (temporaries once, then the partials), its characters and its texts.
    if (impl.cseForm !== undefined) {
      const form = impl.cseForm(result.ds);
      answer.cseSize = [...form.definitions, ...form.partials].reduce((s, t) => s + t.length, 0);
      if (c.wantTexts && answer.cseSize <= MAX_TEXT_CHARS) answer.cseForm = form;
    }
    // deriv only: the median time on the parsed input (no parsing, no printing), as SymPy and Maxima are timed.
    if (impl.parsedRun !== undefined) answer.parsedMedianMs = (await timeRuns(impl.parsedRun(c))).medianMs;
  } catch (e) {
    answer = { error: String(e?.message ?? e).split('\n')[0].slice(0, 120) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
