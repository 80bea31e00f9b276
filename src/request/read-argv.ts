/**
 * The command line as a request: commander is built from the option table (its flags, help and --help
 * text), and each option given is read by its row. Besides the request's options the command line has its
 * own: where the output goes (-o), where the input comes from (--file, stdin), and the other commands
 * (--functions, --batch, --playground, --help, --version; `deriv help` is --help).
 *
 * Two conveniences of the shell are handled before commander sees the words: an expression that starts
 * with a minus sign (`deriv "-x^2"`) is not an unknown option, and `--steps` takes `brief`/`full` after it
 * (`--steps full`, as `--steps=full`) but never the expression (`deriv --steps "x^2"`).
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { ROWS as OPTIONS, DEFAULT_REQUEST, flagOf } from './options.js';
import type { Request, RequestKey } from './request.js';

export const EXAMPLES = `Examples:
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

export type CommandName = 'derive' | 'functions' | 'batch' | 'playground' | 'help';

export interface CommandLine {
  readonly command: CommandName;
  /** The request's options as given (the input is read later: the argument, stdin or --file). */
  readonly options: Omit<Request, 'input'>;
  /** The options the command line set, by request key (a `L = …` name does not override an explicit --name). */
  readonly given: ReadonlySet<RequestKey>;
  /** The expression argument (`-`: stdin). */
  readonly expression: string | undefined;
  readonly output: string | undefined;
  readonly file: string | undefined;
  readonly workers: string | undefined;
  /** --batch was given (--workers alone asks for batch mode too, and is refused there). */
  readonly batch: boolean;
  /** The options given besides --batch, --workers, --max-length and --max-size, as flags (batch mode refuses them). */
  readonly others: readonly string[];
  /** The --help text (examples first). */
  readonly help: string;
}

/** Commander's attribute for a row (`--no-simplify` → simplify, `--steps-n` → stepsN). */
const attribute = (flags: string): string => new Option(flags).attributeName();

function commander(write: (s: string) => void, writeErr: (s: string) => void): Command {
  const program = new Command('deriv')
    .description('Symbolic derivatives in textbook form: exact, simplified, as text, LaTeX, JSON, notes or code.')
    .argument('[expression]', 'the function, in mathjs syntax; "-" or omitted reads stdin')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => write(s.replace(/\n$/, '')), writeErr: (s) => writeErr(s.replace(/\n$/, '')) });
  for (const row of OPTIONS) {
    const option = new Option(row.flags, row.help);
    // Given twice, a list option keeps every value (each is read, with its own positions, by the row).
    if (row.accumulates === true) option.argParser((value: string, previous: unknown) => [...(Array.isArray(previous) ? (previous as string[]) : []), value]);
    program.addOption(option);
  }
  program
    .option('-o, --output <file>', 'write the output to a file instead of standard output')
    .option('--file <path>', 'read a program (z = w*x + b; L = (z - y)^2/2, one assignment per line or ;) from a file')
    .option('--functions', 'list the functions deriv knows (the rule table) and exit')
    .option('--batch', 'JSON lines: one request {"expr", "wrt", "at", …} per line on stdin, one JSON answer per line')
    .option('--workers <n>', 'with --batch: worker threads besides the main one (default: one per core but one, once the input is long; 0: none)')
    .option('--playground', 'write the offline playground page (to -o FILE, default playground.html), opened on the expression if one is given')
    .version(VERSION, '-V, --version')
    .addHelpText('before', `${EXAMPLES}\n`);
  return program;
}

/** Whether commander would read the word after `flag` as its value. */
function takesValue(program: Command, flag: string): boolean {
  return program.options.some((o) => (o.long === flag || o.short === flag) && o.required);
}

/**
 * The words for commander: an expression that starts with '-' goes after '--' (it is no option), and a bare
 * --steps is --steps=brief unless brief or full follows it.
 */
function prepare(argv: readonly string[], program: Command): string[] {
  const looksLikeOption = /^--?[A-Za-z][\w-]*(=.*)?$/;
  const options: string[] = [];
  const expressions: string[] = [];
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!rest && a === '--steps') {
      const next = argv[i + 1];
      if (next === 'brief' || next === 'full') {
        options.push(`--steps=${next}`);
        i++;
      } else options.push('--steps=brief');
    } else if (!rest && a === '--') rest = true;
    else if (rest || (a.length > 1 && a.startsWith('-') && !looksLikeOption.test(a))) expressions.push(a);
    else {
      options.push(a);
      if (takesValue(program, a) && !a.includes('=') && i + 1 < argv.length) options.push(argv[++i]!);
    }
  }
  return expressions.length > 0 ? [...options, '--', ...expressions] : options;
}

/**
 * Reads the command line. Throws CommanderError for what commander refuses (an unknown option: its message
 * is written already) and DerivError for an option value that a row refuses.
 */
export function readArgv(argv: readonly string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): CommandLine {
  const program = commander(io.stdout, io.stderr);
  program.parse(['node', 'deriv', ...prepare(argv, program)]);
  const opts = program.opts<Record<string, unknown>>();
  const given = new Set<RequestKey>();
  const options: Record<string, unknown> = { ...DEFAULT_REQUEST };
  for (const row of OPTIONS) {
    const attr = attribute(row.flags);
    if (program.getOptionValueSource(attr) !== 'cli') continue;
    const raw = opts[attr];
    const flag = flagOf(row);
    options[row.key] = row.accumulates === true && Array.isArray(raw) ? (raw as string[]).flatMap((v) => row.read(v, flag) as string[]) : row.read(raw, flag);
    given.add(row.key);
  }
  const expression = program.args[0];
  const text = (k: string): string | undefined => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  // `deriv help` asks for help (`deriv -- help` differentiates a variable named help).
  const helpWord = expression === 'help' && !argv.includes('--') && program.args.length === 1;
  const command: CommandName = helpWord ? 'help' : opts['functions'] === true ? 'functions' : opts['batch'] === true || opts['workers'] !== undefined ? 'batch' : opts['playground'] === true ? 'playground' : 'derive';
  const own = new Set(['batch', 'workers', 'maxLength', 'maxSize']);
  const others = program.options.filter((o) => !own.has(o.attributeName()) && program.getOptionValueSource(o.attributeName()) === 'cli').map((o) => o.long ?? o.flags);
  return {
    command,
    options: options as Omit<Request, 'input'>,
    given,
    expression,
    output: text('output'),
    file: text('file'),
    workers: text('workers'),
    batch: opts['batch'] === true,
    others,
    help: `${EXAMPLES}\n${program.helpInformation()}`,
  };
}

export { CommanderError };
