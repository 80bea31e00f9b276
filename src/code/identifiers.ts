/**
 * Variable names as safe identifiers in each code language. deriv's names may be Greek or
 * accented letters, may shadow a keyword (`lambda` in Python, `double` in C), a library name the
 * generated code uses (`Math`, `np`, `exp` in C), or an object-prototype name (`__proto__`,
 * `constructor`), which are ordinary local variables here. Each name gets an ASCII identifier that
 * is none of those and no other name's.
 */
import type { CodeLanguage } from '../../rules/functions.js';

const JS_RESERVED = `break case catch class const continue debugger default delete do else enum export extends false finally for
function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static
implements interface package private protected public await arguments eval undefined NaN Infinity Math Number Object`.split(/\s+/);
const PY_RESERVED = `False None True and as assert async await break class continue def del elif else except finally for from global
if import in is lambda nonlocal not or pass raise return try while with yield match case math np numpy abs max min float int`.split(/\s+/);
const C_RESERVED = `auto break case char const continue default do double else enum extern float for goto if inline int long register
restrict return short signed sizeof static struct switch typedef union unsigned void volatile while _Bool _Complex _Imaginary
main NAN INFINITY HUGE_VAL errno y0 y1 yn j0 j1 jn gamma`.split(/\s+/);

const RESERVED: Readonly<Record<CodeLanguage, readonly string[]>> = { js: JS_RESERVED, python: PY_RESERVED, numpy: PY_RESERVED, c: C_RESERVED };

const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa',
  λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi',
  ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};

/** An ASCII spelling of a name: Greek letters by name, accents dropped (ŷ → y), anything else as _uXXXX. */
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

/**
 * Identifiers for the names, in order (earlier names keep the plainer spelling). `extra` are
 * further names to avoid (the library and helper names a printed program uses).
 */
export function identifiers(names: readonly string[], language: CodeLanguage, extra: Iterable<string> = []): Map<string, string> {
  const avoid = new Set([...RESERVED[language], ...extra]);
  const out = new Map<string, string>();
  for (const name of names) {
    if (out.has(name)) continue;
    let id = ascii(name);
    while (avoid.has(id)) id = `${id}_`;
    avoid.add(id);
    out.set(name, id);
  }
  return out;
}
