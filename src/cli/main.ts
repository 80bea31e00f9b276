/**
 * The `deriv` command line: argument parsing (commander) and output only.
 * Every result comes from the library; this file decides what to print where.
 * `run` is in-process and returns the exit code, so tests call it directly.
 *
 * Exit codes: 0 success; 2 invalid expression or options (PARSE, UNKNOWN_FUNCTION,
 * ARITY, UNSUPPORTED, BAD_VARIABLE, BAD_OPTION); 3 TOO_LARGE; 4 UNDEFINED; 66 --playground when the page is
 * not built; 70 internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { derivativesOf, readExpression, variablesOf, type Derivative } from '../api.js';
import { type DerivWarning, mergeWarnings, mergeWarningLists } from '../warnings.js';
import { DerivError, type ErrorCode } from '../errors.js';
import { formatError, formatWarning, NO_PAINT, type Paint } from './format-error.js';
import { textHeading } from '../print/heading.js';
import { toText } from '../print/text.js';
import { resultEquations } from '../print/equation.js';
import { toMarkdownNote } from '../print/markdown.js';
import { toHtmlPage } from '../print/html.js';
import { stepsToJSON, stepsToText } from '../print/steps-text.js';
import { stepsToLatex } from '../print/steps-latex.js';
import { pageDerivations } from '../steps/page.js';
import type { Detail } from '../steps/record.js';
import type { Expr } from '../core/expr.js';
import { appendFileSync, writeFileSync } from 'node:fs';
import { VERSION } from '../version.js';
import { renderMatrix } from './matrix.js';
import { functionTable } from './functions.js';
import { splitNaming } from './naming.js';
import { checkFunctionName } from '../names.js';
import { CONSTANT_PRINTED, warningJSON, renderConstant, locate, asTyped } from './results.js';
import { renderNumeric, wantsNumeric } from './numeric.js';
import { cseToText } from '../print/cse-text.js';
import { cseToLatex } from '../print/cse-latex.js';
import { cseToJSON } from '../print/cse-json.js';
import { readProgramFile, renderProgram, wantsProgram } from './program.js';
import { writePlayground, NOT_BUILT_EXIT } from './playground.js';
import { CODE_FORMATS, isCodeFormat, renderCode, renderProgramCode, reverseModeCse } from './code.js';
import { readStdinInput, type StdinLine } from './stdin-lines.js';
import { DEFAULT_MAX_INPUT_LENGTH } from '../parse/parser.js';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (only called when the expression comes from stdin). */
  readonly readStdin: () => Promise<string>;
  /** True when stdin is a terminal (then a missing expression is a usage error, not a read). */
  readonly stdinIsTTY: boolean;
  /** Colour on stderr: only for a terminal, and never with NO_COLOR set. */
  readonly color: boolean;
  /** --batch: stdin as it arrives, and stdout writes that wait while the pipe is full (absent: the two above). */
  readonly stdinChunks?: () => AsyncIterable<Uint8Array | string>;
  readonly writeStdout?: (text: string) => void | Promise<void>;
}

const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  PARSE: 2, UNKNOWN_FUNCTION: 2, ARITY: 2, UNSUPPORTED: 2, BAD_VARIABLE: 2, BAD_OPTION: 2, SHAPE: 2, ASSIGNED_TWICE: 2, USED_BEFORE_ASSIGNED: 2, CYCLE: 2, TOO_LARGE: 3, UNDEFINED: 4,
};

const EXAMPLES = `Examples:
  deriv "x*w^2+b^2" --wrt w                 2*x*w
  deriv "x*w^2+b^2"                         the gradient, one line per variable
  deriv "1/2*(w*x+b-y)^2" --wrt w,b         ∂/∂w = x*(w*x + b - y)  and  ∂/∂b = …
  deriv "sin(x^2)" --wrt x --order 2        second derivative
  deriv "x^2*y^3" --wrt x,y --mixed         ∂²/∂x∂y = 6*x*y^2
  deriv "sigmoid(w*x+b)" --wrt w --format latex --name L
  echo "x^3" | deriv --wrt x                read the expression from stdin
  deriv "1/2*(w*x+b-y)^2" --wrt w --steps   the derivation, step by step
  deriv "sin(x+x^2)" --steps --format html -o note.html   a standalone page
  deriv "1/2*(w*x+b-y)^2" --wrt w,b --at x=10,y=50,w=4,b=5        values: ∂/∂w = … = -50
  deriv "1/2*(w*x+b-y)^2" --wrt w --at x=10,y=50,w=4,b=5 --check -5   wrong (exit 1)
  deriv "1/2*(w*x+b-y)^2" --wrt w,b --at x=10,y=50,w=4,b=5 --sgd 0.01 --steps-n 3
  deriv "x*w^2+b^2" --hessian               [[0, 2*w, 0], [2*w, 2*x, 0], [0, 0, 2]]
  deriv "x*y; x+y^2" --jacobian             [[y, x], [1, 2*y]]
  deriv "mean((X*w+b-y)^2)" --wrt w,b --shape X=n×d,w=d,y=n   matrix form: ∇w = 2/n*X'*(X*w + b - y)
  deriv "(w*x+b-y)^2/2" --wrt w,b --format python   the gradient as a Python function
  deriv --functions                         the functions deriv knows, with their derivatives
  deriv "x*w^2+b^2" --playground -o p.html  the offline playground page, opened on this expression
`;

type Format = 'text' | 'latex' | 'json' | 'markdown' | 'html' | 'js' | 'python' | 'numpy' | 'c';
interface Options {
  wrt?: string;
  order: string;
  mixed?: boolean;
  format: Format;
  name: string;
  simplify: boolean;
  maxLength?: string;
  maxSize?: string;
  shape?: string;
  /** --steps: the derivation, brief or full ('brief' when given without a value). */
  steps?: Detail;
  /** -o: write the output to this file instead of stdout. */
  output?: string;
  /** Numeric options (src/cli/numeric.ts). */
  at?: string;
  check?: string;
  sgd?: string;
  stepsN?: string;
  hessian?: boolean;
  jacobian?: boolean;
  /** --cse: shared subexpressions named once (t1 = …), the results in terms of them. */
  cse?: boolean;
  /** Programs (src/cli/program.ts): read from a file, the function's name, expanded gradient. */
  file?: string;
  of?: string;
  expand?: boolean;
  /** --functions: print the rule table instead of differentiating. */
  functions?: boolean;
  /** --batch: JSON requests on stdin, one per line (src/cli/batch.ts); --workers: its threads. */
  batch?: boolean;
  workers?: string;
  /** --playground: write the offline playground page (src/cli/playground.ts). */
  playground?: boolean;
}

/** Writes -o output; a file that cannot be written is a usage error, not a crash. */
function writeOutput(file: string, text: string): void {
  writeRaw(file, text.endsWith('\n') ? text : `${text}\n`, false);
}

/** Writes (or appends) text to an -o file as it is. */
function writeRaw(file: string, text: string, append: boolean): void {
  try {
    (append ? appendFileSync : writeFileSync)(file, text);
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'error';
    throw new DerivError('BAD_OPTION', `cannot write ${file} (${reason})`);
  }
}

function paintFor(color: boolean): Paint {
  if (!color) return NO_PAINT;
  return {
    red: (s) => `\u001b[31m${s}\u001b[39m`,
    bold: (s) => `\u001b[1m${s}\u001b[22m`,
    dim: (s) => `\u001b[2m${s}\u001b[22m`,
  };
}

function parseWrt(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  // A fullwidth comma or an ideographic one (pasted from CJK text) separates names too.
  const names = text.split(/[,\uff0c\u3001]/).map((s) => s.trim());
  if (names.some((n) => n === ''))
    throw new DerivError('BAD_VARIABLE', `--wrt has an empty name`, { input: text, position: Math.max(0, text.indexOf(',,') + 1), hint: 'list names separated by commas: --wrt w,b' });
  return names;
}

function parseCount(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim())) throw new DerivError('BAD_OPTION', `${what} must be a whole number, got '${text}'`);
  return Number(text);
}

/**
 * The derivatives the options ask for: one mixed partial, or one result per variable; with the warnings
 * of reading and differentiating. An expression without variables and without --wrt has no derivatives:
 * `constant` is then the expression, whose value is printed instead (and NO_VARIABLES said).
 */
interface Computed {
  readonly results: readonly Derivative[];
  readonly warnings: readonly DerivWarning[];
  readonly constant?: Expr;
}
function compute(expression: string, opts: Options): Computed {
  const order = parseCount(opts.order, '--order');
  const maxLength = opts.maxLength === undefined ? undefined : parseCount(opts.maxLength, '--max-length');
  const maxSize = opts.maxSize === undefined ? undefined : parseCount(opts.maxSize, '--max-size');
  const common = { order, simplify: opts.simplify, ...(maxLength === undefined ? {} : { maxLength }), ...(maxSize === undefined ? {} : { maxSize }) };
  const { expr, warnings: notes, domain } = readExpression(expression, common);
  const wrt = parseWrt(opts.wrt) ?? variablesOf(expr);
  if (wrt.length === 0) return { results: [], warnings: mergeWarnings(notes, [CONSTANT_PRINTED]), constant: expr };
  const options = { ...common, domain }; // values at a point answer for the input as written
  const results = derivativesOf(expr, wrt, opts.mixed === true, options);
  return { results, warnings: mergeWarningLists([notes, ...results.map((r) => r.warnings)]) };
}

/** --cse output in text, LaTeX or JSON (src/print/cse-*.ts). */
function renderCse(expression: string, results: readonly Derivative[], opts: Options, single: boolean): string {
  if (opts.steps !== undefined || opts.format === 'markdown' || opts.format === 'html')
    throw new DerivError('BAD_OPTION', '--cse works with --format text, latex or json, without --steps');
  if (opts.format === 'json') return cseToJSON(expression, results);
  if (opts.format === 'latex') return cseToLatex(results, opts.name);
  return cseToText(results, single);
}

function render(expression: string, computed: Computed, opts: Options, single: boolean): string {
  const { results, warnings } = computed;
  if (computed.constant !== undefined) return renderConstant(expression, computed.constant, warnings, opts);
  if (opts.cse === true) return renderCse(expression, results, opts, single);
  // One page: an inner function keeps its letter across the sections, and no letter is the function's name.
  const derivations = opts.steps === undefined ? undefined : pageDerivations(results, opts.steps, opts.name);
  switch (opts.format) {
    case 'json': {
      const input = results[0]!.input;
      return JSON.stringify({
        input: expression,
        parsed: toText(input, { order: results[0]!.order }),
        wrt: results.map((r) => (r.variables.length === 1 ? r.variables[0] : r.variables.join(','))),
        derivatives: results.map((r, i) => ({
          wrt: r.variables.length === 1 ? r.variables[0] : r.variables.join(','),
          order: r.variables.length,
          text: r.toString(),
          latex: r.toTex(),
          ...(derivations === undefined ? {} : { steps: stepsToJSON(derivations[i]!, { order: r.order, name: opts.name }) }),
        })),
        warnings: warnings.map(warningJSON),
      });
    }
    case 'latex':
      if (derivations !== undefined) return derivations.map((d, i) => stepsToLatex(d, { order: results[i]!.order, name: opts.name })).join('\n\n');
      return resultEquations(results, opts.name).join('\n');
    case 'markdown':
      return toMarkdownNote(results, { name: opts.name, ...(opts.steps === undefined ? {} : { steps: opts.steps }) }).replace(/\n$/, '');
    case 'html':
      return toHtmlPage(results, { name: opts.name, ...(opts.steps === undefined ? {} : { steps: opts.steps }) }).replace(/\n$/, '');
    default:
      if (derivations !== undefined) return derivations.map((d, i) => stepsToText(d, { order: results[i]!.order, name: opts.name })).join('\n\n');
      if (single) return results[0]!.toString();
      return results.map((r) => `${textHeading(r.variables)} = ${r.toString()}`).join('\n');
  }
}

/**
 * An expression may start with a minus sign ("-x^2", "-(y*log(p))"). Anything that
 * starts with '-' but cannot be an option name is passed as the expression,
 * after '--', so commander does not reject it as an unknown option.
 */
function separateExpression(argv: readonly string[], takesValue: (flag: string) => boolean): string[] {
  const looksLikeOption = /^--?[A-Za-z][\w-]*(=.*)?$/;
  const options: string[] = [];
  const expressions: string[] = [];
  let rest = false;
  argv.forEach((a, i) => {
    const previous = argv[i - 1];
    if (!rest && previous !== undefined && !previous.includes('=') && takesValue(previous)) options.push(a);
    else if (rest || a === '--') {
      if (a !== '--' || rest) expressions.push(a);
      rest = true;
    } else if (a.length > 1 && a.startsWith('-') && !looksLikeOption.test(a)) expressions.push(a);
    else options.push(a);
  });
  return expressions.length > 0 ? [...options, '--', ...expressions] : options;
}

/**
 * Answers one expression: its output through `emit`, warnings and notes on stderr; returns the exit code.
 * `shown` is the line as typed, for carets under warnings (it differs from `line` after `L = …`).
 */
function answer(line: string, shown: string, opts: Options, single: boolean, emit: (text: string) => void, io: CliIO, paint: Paint): number {
  const warn = (ws: readonly DerivWarning[]): void => {
    if (opts.format !== 'json') for (const w of ws) io.stderr(formatWarning(w, shown, paint));
  };
  if (isCodeFormat(opts.format)) {
    emit(renderCode(line, { ...opts, format: opts.format }, parseWrt(opts.wrt)));
    return 0;
  }
  if (opts.shape !== undefined && (opts.hessian === true || opts.jacobian === true))
    throw new DerivError('BAD_OPTION', '--hessian and --jacobian take scalar variables; with --shape deriv gives gradients of a scalar function (∇w), not derivatives of vectors', {
      hint: 'name the entries as scalars (w1, w2, …) and use --hessian without --shape',
    });
  if (opts.shape === undefined && wantsNumeric(opts)) {
    let warnings: readonly DerivWarning[] = [];
    const out = renderNumeric(line, opts, parseWrt(opts.wrt), () => {
      const c = compute(line, opts);
      if (c.constant !== undefined)
        throw new DerivError('BAD_VARIABLE', 'the expression has no variables: there is nothing to differentiate', { input: line, position: 0, hint: 'without --at, --check and --sgd deriv prints its value' });
      warnings = c.warnings;
      return [...c.results];
    });
    // JSON carries the warnings of reading and differentiating, as the plain JSON output does.
    emit(opts.format === 'json' ? JSON.stringify({ ...(JSON.parse(out.stdout) as object), warnings: warnings.map(warningJSON) }) : out.stdout);
    warn(warnings);
    for (const note of out.notes) io.stderr(paint.dim(note));
    return out.exitCode;
  }
  if (opts.shape !== undefined) {
    const { at, check, sgd, stepsN } = opts;
    const out = renderMatrix(line, {
      shape: opts.shape, format: opts.format, name: opts.name, steps: opts.steps !== undefined,
      ...(opts.wrt === undefined ? {} : { wrt: parseWrt(opts.wrt)! }), ...(at === undefined ? {} : { at }),
      ...(check === undefined ? {} : { check }), ...(sgd === undefined ? {} : { sgd }), ...(stepsN === undefined ? {} : { stepsN }),
    });
    emit(out.stdout);
    return out.exitCode;
  }
  let computed: Computed;
  try {
    computed = compute(line, opts);
  } catch (e) {
    // --cse of a gradient too large to write out: reverse mode gives it at a small multiple of the function's size.
    if (!(e instanceof DerivError && e.code === 'TOO_LARGE' && opts.cse === true && opts.format === 'text' && opts.mixed !== true && opts.order === '1' && opts.steps === undefined)) throw e;
    emit(reverseModeCse(line, parseWrt(opts.wrt), single));
    io.stderr(paint.dim('note: the derivative written out is too large; shown by reverse mode, each shared piece named once'));
    return 0;
  }
  emit(render(line, computed, opts, single));
  warn(computed.warnings);
  return 0;
}

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const paint = paintFor(io.color);
  const program = new Command('deriv')
    .description('Symbolic derivatives in textbook form: exact, simplified, as text, LaTeX or JSON.')
    .argument('[expression]', 'the function, in mathjs syntax; "-" or omitted reads stdin')
    .option('-w, --wrt <vars>', 'differentiate with respect to these variables, comma-separated (default: all, as they appear)')
    .option('-n, --order <n>', 'differentiate n times', '1')
    .option('--mixed', 'with several --wrt variables: one mixed partial (∂²f/∂x∂y), not the gradient')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'latex', 'json', 'markdown', 'html', ...CODE_FORMATS]).default('text'))
    .addOption(new Option('--steps [detail]', 'show the derivation step by step: brief (default) or full').choices(['brief', 'full']))
    .option('-o, --output <file>', 'write the output to a file instead of standard output')
    .option('--name <name>', 'the function\'s name in LaTeX headings', 'f')
    .option('--no-simplify', 'print the raw canonical derivative, without the simplifier')
    .option('--max-length <chars>', 'longest expression accepted (default 2000000)')
    .option('--max-size <nodes>', 'largest derivative, in expression nodes written out; also the work budget of one pass (default 1000000)')
    .option('--shape <shapes>', 'matrix form: declare vectors and matrices, e.g. X=n×d,w=d,y=n (others are scalars)')
    .option('--at <point>', 'values at a point, e.g. x=10,y=50,w=4,b=5 (exact where the numbers are)')
    .option('--check <claim>', 'is CLAIM the derivative? prints correct or wrong (exit code 0 or 1); with --at, at that point')
    .option('--sgd <lr>', 'gradient descent on the --wrt parameters from the --at point, with learning rate lr')
    .option('--steps-n <k>', 'with --sgd: how many gradient-descent updates to run (default 1); not related to --steps')
    .option('--hessian', 'the matrix of second derivatives (with --at: and its values)')
    .option('--jacobian', 'several expressions separated by ; : the matrix of their first derivatives')
    .option('--cse', 'name shared subexpressions once (t1 = …) and give the derivatives in terms of them')
    .option('--file <path>', 'read a program (z = w*x + b; L = (z - y)^2/2, one assignment per line or ;) from a file')
    .option('--of <name>', 'programs: the function is this assignment (default: the last)')
    .option('--expand', 'programs: also each gradient entry in terms of the inputs')
    .option('--functions', 'list the functions deriv knows (the rule table) and exit')
    .option('--batch', 'JSON lines: one request {"expr", "wrt", "at", …} per line on stdin, one JSON answer per line')
    .option('--workers <n>', 'with --batch: worker threads besides the main one (default: one per core but one, once the input is long; 0: none)')
    .option('--playground', 'write the offline playground page (to -o FILE, default playground.html), opened on the expression if one is given')
    .version(VERSION, '-V, --version')
    .addHelpText('before', EXAMPLES + '\n')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s.replace(/\n$/, '')), writeErr: (s) => io.stderr(s.replace(/\n$/, '')) });

  try {
    const takesValue = (flag: string): boolean =>
      program.options.some((o) => (o.long === flag || o.short === flag) && (o.required || o.optional));
    // A bare --steps must not take the expression after it as its value.
    const withSteps = argv.map((a) => (a === '--steps' ? '--steps=brief' : a));
    program.parse(['node', 'deriv', ...separateExpression(withSteps, takesValue)]);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const opts = program.opts<Options>();
  try {
    // Headings typeset the name: braces, backslashes or markup in it would break a note or inject into a page.
    if (program.getOptionValueSource('name') === 'cli') opts.name = checkFunctionName(opts.name);
  } catch (e) {
    if (!(e instanceof DerivError)) throw e;
    io.stderr(formatError(e, paint));
    return EXIT_CODES[e.code];
  }
  if (opts.functions === true) {
    io.stdout(functionTable(opts.format));
    return 0;
  }
  const arg = program.args[0];
  if (opts.batch === true || opts.workers !== undefined) {
    const own = ['batch', 'workers', 'maxLength', 'maxSize'];
    const others = program.options.filter((o) => !own.includes(o.attributeName()) && program.getOptionValueSource(o.attributeName()) === 'cli').map((o) => o.long ?? o.flags);
    // Loaded only here: worker_threads and the stream machinery are no part of a plain command's start-up.
    const { runBatchCommand } = await import('./batch.js');
    return runBatchCommand({ ...opts, batch: opts.batch === true, others, expression: arg }, io, (code) => EXIT_CODES[code as ErrorCode] ?? 70, paint);
  }
  if (opts.playground === true) {
    const made = writePlayground({ ...opts, ...(arg === undefined || arg === '-' ? {} : { expression: arg }), ...(opts.steps === undefined ? {} : { steps: opts.steps }) });
    if (!made.ok) {
      io.stderr(`${paint.red('error')} NOT_BUILT: the playground page is not built (looked for ${made.looked.join(' and ')})\nhint: npm run build writes dist/playground.html`);
      return NOT_BUILT_EXIT;
    }
    io.stdout(`wrote ${made.file}\nopen ${made.url}`);
    return 0;
  }
  let where = '';
  try {
    let source: string;
    // Expressions on stdin, one per line, as they arrive (src/cli/stdin-lines.ts); undefined: `source` is all.
    let streamed: { readonly several: boolean; readonly lines: AsyncIterable<StdinLine> } | undefined;
    const maxLength = opts.maxLength === undefined ? DEFAULT_MAX_INPUT_LENGTH : parseCount(opts.maxLength, '--max-length');
    if (opts.file !== undefined) source = readProgramFile(opts.file, arg);
    else if (arg === undefined || arg === '-') {
      if (arg === undefined && io.stdinIsTTY) {
        io.stderr(`${paint.red('error')} no expression given\n${program.helpInformation()}`);
        return 2;
      }
      const chunks = io.stdinChunks?.() ?? (async function* () { yield await io.readStdin(); })();
      const input = await readStdinInput(chunks, maxLength, 4 * maxLength + 16);
      // A byte-order mark (Windows editors write one) is no part of the expression.
      source = input.kind === 'text' ? input.source.replace(/^\uFEFF/, '') : '';
      if (input.kind === 'lines') streamed = input;
    } else source = arg;
    if (wantsProgram(source, opts) && isCodeFormat(opts.format)) {
      const code = renderProgramCode(source, { ...opts, format: opts.format });
      if (opts.output !== undefined) writeOutput(opts.output, code);
      else io.stdout(code);
      return 0;
    }
    if (wantsProgram(source, opts)) {
      const out = renderProgram(source, opts);
      for (const note of out.notes) io.stderr(paint.dim(note));
      if (opts.output !== undefined) writeOutput(opts.output, out.stdout);
      else io.stdout(out.stdout);
      return out.exitCode;
    }
    if (opts.of !== undefined || opts.expand === true) throw new DerivError('BAD_OPTION', '--of and --expand go with programs (name = expression; …)');
    // Several lines on stdin: one expression per non-empty line, results in the same order. Line numbers count
    // blank lines too (they are the numbers an editor shows); a bad line is reported and the others still answered.
    const fromStdin = arg === undefined || arg === '-';
    const listed: StdinLine[] = (fromStdin ? source.split(/\r?\n/) : [source]).map((text, i) => ({ text, line: i + 1 })).filter((l) => !fromStdin || l.text.trim() !== '');
    if (listed.length === 0) listed.push({ text: '', line: 1 });
    const numbered: AsyncIterable<StdinLine> | Iterable<StdinLine> = streamed?.lines ?? listed;
    const batch = streamed?.several ?? listed.length > 1;
    const single = opts.wrt !== undefined && (opts.mixed === true || parseWrt(opts.wrt)!.length === 1);
    if (opts.format === 'html' && batch)
      throw new DerivError('BAD_OPTION', '--format html makes one page for one expression; stdin has several lines');
    // A line's output is written once it is answered: nothing is held. -o's file grows as the answers come, the
    // outputs separated by line breaks and the file ended by one, as when it was written at once at the end.
    const pending: string[] = [];
    const emit = (text: string): void => void pending.push(text);
    const writeStdout = io.writeStdout;
    let wroteFile = false;
    let fileEndsLine = false;
    const flush = async (): Promise<void> => {
      for (const text of pending) {
        if (opts.output !== undefined) {
          writeRaw(opts.output, wroteFile ? `\n${text}` : text, wroteFile);
          wroteFile = true;
          fileEndsLine = text.endsWith('\n');
        } else if (writeStdout === undefined) io.stdout(text);
        else await writeStdout(`${text}\n`);
      }
      pending.length = 0;
    };
    let exitCode = 0;
    let index = -1;
    for await (const { text: line, line: lineNumber, tooLong } of numbered) {
      index++;
      // With several stdin lines, an error says which one (scripts feed thousands).
      where = batch ? `line ${lineNumber} of stdin: ` : '';
      // Markdown notes of several lines are separated by a rule, so one note does not run into the next.
      if (opts.format === 'markdown' && index > 0) emit('\n---\n');
      try {
        if (tooLong === true)
          throw new DerivError('TOO_LARGE', `the line is longer than ${maxLength} characters; it was skipped unread`, { hint: 'raise the limit with --max-length' });
        // `L = …` names the function (unless --name is given) and is not part of the expression.
        const named = splitNaming(line);
        if (named.name === undefined) exitCode = Math.max(exitCode, answer(line, line, opts, single, emit, io, paint));
        else {
          const lineOpts = program.getOptionValueSource('name') !== 'cli' ? { ...opts, name: named.name } : opts;
          // JSON says the line as typed (its `input` is the first key, kept in place).
          const shown = opts.format !== 'json' ? emit : (text: string) => emit(JSON.stringify({ ...(JSON.parse(text) as object), input: line }));
          exitCode = Math.max(exitCode, asTyped(line, named.expression, () => answer(named.expression, line, lineOpts, single, shown, io, paint)));
        }
      } catch (e) {
        if (!(e instanceof DerivError) || !batch) throw e;
        io.stderr(formatError(locate(e, where), paint));
        if (opts.format === 'json') emit(JSON.stringify({ input: line, line: lineNumber, error: { code: e.code, message: e.message, ...(e.position === undefined ? {} : { position: e.position }), ...(e.hint === undefined ? {} : { hint: e.hint }) } }));
        exitCode = Math.max(exitCode, EXIT_CODES[e.code]);
      }
      await flush();
    }
    if (opts.output !== undefined && !wroteFile) writeOutput(opts.output, '');
    else if (opts.output !== undefined && !fileEndsLine) writeRaw(opts.output, '\n', true);
    return exitCode;
  } catch (e) {
    if (e instanceof DerivError) {
      io.stderr(formatError(locate(e, where), paint));
      return EXIT_CODES[e.code];
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`${paint.red('internal error')}: ${message}\nPlease report this with the command that caused it.`);
    return 70;
  }
}
