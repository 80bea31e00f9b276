/**
 * Identifiers of generated code. deriv's names may be Greek or accented letters, may be a keyword
 * (`lambda` in Python, `double` in C), a library name the generated code uses (`Math`, `np`, `exp`
 * in C), a macro (`linux`, `__LINE__`), or a name the generator itself introduces (the point `p`,
 * a loop index `i`, a temporary `t1`, NumPy's `shape`, C's output pointer `d_w`). One Namer per
 * generated function hands out every identifier in it, the user's and its own, so none is
 * reserved in the language (src/code/reserved.ts), none is a library or helper name, and no two
 * are the same.
 */
import type { CodeLanguage } from '../../rules/functions.js';
import { isReserved, RESERVED_FORM } from './reserved.js';

const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa',
  λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi',
  ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};

/** An ASCII spelling of a name: Greek letters by name, accents dropped (ŷ → y_hat), anything else as _uXXXX. */
function ascii(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFD')) {
    if (/[A-Za-z0-9_]/.test(ch)) out += ch;
    else if (/[\u0300-\u036f]/.test(ch)) out += ch === '\u0302' ? '_hat' : ch === '\u0304' ? '_bar' : ch === '\u0303' ? '_tilde' : ch === '\u0307' ? '_dot' : '';
    else if (GREEK[ch] !== undefined) out += GREEK[ch];
    else out += `_u${ch.codePointAt(0)!.toString(16)}`;
  }
  if (out === '' || /^[0-9]/.test(out)) out = `_${out}`;
  return out;
}

/** One scope of a generated function: every identifier handed out is new, unreserved and no library or helper name. */
export class Namer {
  private readonly taken: Set<string>;
  private readonly given = new Map<string, string>();

  /** `extra`: further names to avoid (the library and helper names the printed program uses). */
  constructor(
    readonly language: CodeLanguage,
    extra: Iterable<string> = [],
  ) {
    this.taken = new Set(extra);
  }

  /** The identifier of one of the user's names (or the program's): the same each time it is asked for. */
  name(name: string): string {
    const known = this.given.get(name);
    if (known !== undefined) return known;
    const id = this.fresh(name);
    this.given.set(name, id);
    return id;
  }

  /** A new identifier as close to `wanted` (in ASCII) as the scope allows: `wanted`, else `wanted_`, `wanted__`, … */
  fresh(wanted: string): string {
    const spelled = ascii(wanted);
    // A form the language reserves (C: `__x`, `_X`) is not cured by a suffix: it gets a prefix.
    let id = RESERVED_FORM[this.language]?.test(spelled) === true ? `v${spelled}` : spelled;
    while (this.taken.has(id) || isReserved(id, this.language)) id = `${id}_`;
    this.taken.add(id);
    return id;
  }
}

/**
 * Identifiers for the names, in order (earlier names keep the plainer spelling). `extra` are
 * further names to avoid (the library and helper names a printed program uses).
 */
export function identifiers(names: readonly string[], language: CodeLanguage, extra: Iterable<string> = []): Map<string, string> {
  const namer = new Namer(language, extra);
  return new Map(names.map((n) => [n, namer.name(n)]));
}
