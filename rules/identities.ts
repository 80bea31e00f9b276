/**
 * The simplifier's identity table: one row per identity, written in deriv's own
 * input syntax and parsed once (like the function table in rules/functions.ts).
 *
 * A row rewrites `from` to `to`. Every name in a pattern is a pattern variable
 * (u, v stand for any expression). How a row matches depends on the head of `from`:
 * - a sum matches part of a sum, scaled: `sin(u)^2 + cos(u)^2 → 1` turns
 *   `3 - 2*cos(x)^2 - 2*sin(x)^2` into `1`; a constant term may be split off.
 * - a product (or a single power or call) matches part of a product, raised to a
 *   positive integer power: `sin(u)*cos(u)^(-1) → tan(u)` turns `sin(x)^3/cos(x)^2`
 *   into `sin(x)*tan(x)^2`;
 * - `-u` (a negative coefficient times u) matches any expression whose own
 *   coefficient is negative: exp(-u) matches exp(-2*x) with u = 2*x.
 * The simplifier applies rows bottom-up, each node trying only the rows of its head,
 * and keeps a rewrite only when the result is smaller (tree size): every rewrite
 * shrinks the expression, so simplification terminates.
 *
 * `when` names a condition the bindings must meet, checked on the expression
 * (`positive`: provably > 0, e.g. exp(…), x^2 + 1). `domain` says, for people, where
 * the identity holds; an identity that holds wherever `from` is defined needs no `when`
 * (exp(log(u)) = u: `from` itself needs u > 0).
 *
 * The other simplifications are strategies (code, not rows), listed in src/simplify/strategies.ts:
 * common factors, expansion, common denominators with cancellation, and sign and content
 * normalisation. Construction (src/core/collect.ts, src/core/expr.ts) already collects like terms and factors,
 * and folds exact values (sin(0) = 0) and parity (cos(−u) = cos(u)).
 */

export interface IdentityRow {
  /** Stable id, used in steps and tests. */
  readonly id: string;
  /** How a step names it. */
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /**
   * A condition on the bindings: `positive` variables must be provably positive; the `collects` variables'
   * sum must have fewer terms than they have together (exp(3x)·exp(−x) merges, e^(e^x)·e^x stays as the chain rule wrote it).
   */
  readonly when?: {
    readonly positive?: readonly string[];
    readonly collects?: readonly string[];
    /** These variables' coefficients are whole numbers (sin(2u) with u = x, not u = x/2 for sin(x)). */
    readonly integral?: readonly string[];
  };
  /** Where the identity holds, in words (documentation; see the header). */
  readonly domain?: string;
}

export const IDENTITY_ROWS: readonly IdentityRow[] = [
  // Exponentials: a product of two merges when their exponents have like terms.
  { id: 'exp-product', name: 'e^a·e^b = e^(a + b)', from: 'exp(u)*exp(v)', to: 'exp(u + v)', when: { collects: ['u', 'v'] } },

  // Inverse functions: f(g(u)) = u wherever the left side is defined.
  { id: 'log-exp', name: 'ln(e^u) = u', from: 'log(exp(u))', to: 'u' },
  { id: 'exp-log', name: 'e^(ln u) = u', from: 'exp(log(u))', to: 'u', domain: 'u > 0 (where ln u is defined)' },
  { id: 'sin-asin', name: 'sin(arcsin u) = u', from: 'sin(asin(u))', to: 'u' },
  { id: 'cos-acos', name: 'cos(arccos u) = u', from: 'cos(acos(u))', to: 'u' },
  { id: 'tan-atan', name: 'tan(arctan u) = u', from: 'tan(atan(u))', to: 'u' },
  { id: 'sinh-asinh', name: 'sinh(arsinh u) = u', from: 'sinh(asinh(u))', to: 'u' },
  { id: 'cosh-acosh', name: 'cosh(arcosh u) = u', from: 'cosh(acosh(u))', to: 'u' },
  { id: 'tanh-atanh', name: 'tanh(artanh u) = u', from: 'tanh(atanh(u))', to: 'u' },
  { id: 'sqrt-square', name: '√(u²) = |u|', from: 'sqrt(u^2)', to: 'abs(u)' },

  // Absolute value and sign.
  { id: 'abs-positive', name: '|u| = u for u > 0', from: 'abs(u)', to: 'u', when: { positive: ['u'] } },
  { id: 'sign-positive', name: 'sgn(u) = 1 for u > 0', from: 'sign(u)', to: '1', when: { positive: ['u'] } },
  { id: 'sign-over-abs', name: 'sgn(u)/|u| = 1/u', from: 'sign(u)*abs(u)^(-1)', to: '1/u', domain: 'u ≠ 0' },
  { id: 'abs-sign', name: '|u|·sgn(u) = u', from: 'abs(u)*sign(u)', to: 'u' },
  { id: 'times-sign', name: 'u·sgn(u) = |u|', from: 'u*sign(u)', to: 'abs(u)' },
  { id: 'abs-squared', name: '|u|² = u²', from: 'abs(u)^2', to: 'u^2' },
  { id: 'abs-over-square', name: '|u|/u² = 1/|u|', from: 'abs(u)*u^(-2)', to: '1/abs(u)' },

  // Trigonometric.
  { id: 'pythagoras', name: 'sin²u + cos²u = 1', from: 'sin(u)^2 + cos(u)^2', to: '1' },
  { id: 'one-minus-cos-squared', name: '1 − cos²u = sin²u', from: '1 - cos(u)^2', to: 'sin(u)^2' },
  { id: 'one-minus-sin-squared', name: '1 − sin²u = cos²u', from: '1 - sin(u)^2', to: 'cos(u)^2' },
  { id: 'tan-quotient', name: 'sin u / cos u = tan u', from: 'sin(u)*cos(u)^(-1)', to: 'tan(u)' },
  { id: 'cot-quotient', name: 'cos u / sin u = cot u', from: 'cos(u)*sin(u)^(-1)', to: 'cot(u)' },
  { id: 'one-plus-tan-squared', name: '1 + tan²u = 1/cos²u', from: '1 + tan(u)^2', to: '1/cos(u)^2' },
  { id: 'one-plus-cot-squared', name: '1 + cot²u = 1/sin²u', from: '1 + cot(u)^2', to: '1/sin(u)^2' },
  { id: 'tan-cos', name: 'tan u · cos u = sin u', from: 'tan(u)*cos(u)', to: 'sin(u)' },
  { id: 'sec-cos', name: 'sec u · cos u = 1', from: 'sec(u)*cos(u)', to: '1' },
  { id: 'csc-sin', name: 'csc u · sin u = 1', from: 'csc(u)*sin(u)', to: '1' },

  // Hyperbolic.
  { id: 'hyperbolic-pythagoras', name: 'cosh²u − sinh²u = 1', from: 'cosh(u)^2 - sinh(u)^2', to: '1' },
  { id: 'cosh-squared-minus-one', name: 'cosh²u − 1 = sinh²u', from: 'cosh(u)^2 - 1', to: 'sinh(u)^2' },
  { id: 'one-plus-sinh-squared', name: '1 + sinh²u = cosh²u', from: '1 + sinh(u)^2', to: 'cosh(u)^2' },
  { id: 'exp-cosh', name: 'e^u + e^(−u) = 2·cosh u', from: 'exp(u) + exp(-u)', to: '2*cosh(u)' },
  { id: 'exp-sinh', name: 'e^u − e^(−u) = 2·sinh u', from: 'exp(u) - exp(-u)', to: '2*sinh(u)' },
  { id: 'tanh-quotient', name: 'sinh u / cosh u = tanh u', from: 'sinh(u)*cosh(u)^(-1)', to: 'tanh(u)' },
  { id: 'coth-quotient', name: 'cosh u / sinh u = coth u', from: 'cosh(u)*sinh(u)^(-1)', to: 'coth(u)' },
  { id: 'tanh-cosh', name: 'tanh u · cosh u = sinh u', from: 'tanh(u)*cosh(u)', to: 'sinh(u)' },
  { id: 'sech-cosh', name: 'sech u · cosh u = 1', from: 'sech(u)*cosh(u)', to: '1' },
  { id: 'csch-sinh', name: 'csch u · sinh u = 1', from: 'csch(u)*sinh(u)', to: '1' },
  { id: 'sech-sinh', name: 'sech u · sinh u = tanh u', from: 'sech(u)*sinh(u)', to: 'tanh(u)' },
  { id: 'csch-cosh', name: 'csch u · cosh u = coth u', from: 'csch(u)*cosh(u)', to: 'coth(u)' },
  { id: 'coth-tanh', name: 'coth u · tanh u = 1', from: 'coth(u)*tanh(u)', to: '1' },
  { id: 'cot-tan', name: 'cot u · tan u = 1', from: 'cot(u)*tan(u)', to: '1' },

  // The logistic function σ(u) = 1/(1 + e^(−u)).
  { id: 'sigmoid-complement', name: 'e^(−u)·σ(u) = σ(−u)', from: 'exp(-u)*sigmoid(u)', to: 'sigmoid(-u)' },
  { id: 'sigmoid-symmetry', name: 'σ(u) + σ(−u) = 1', from: 'sigmoid(u) + sigmoid(-u)', to: '1' },
  { id: 'sigmoid-complement-quotient', name: 'σ(−u)/(1 − σ(u)) = 1', from: 'sigmoid(-u)*(1 - sigmoid(u))^(-1)', to: '1' },
  { id: 'sigmoid-complement-sum', name: '1 − σ(−u) = σ(u)', from: '1 - sigmoid(-u)', to: 'sigmoid(u)' },
  // The same, written with exp (e^u/(1 + e^u) = 1/(1 + e^(−u)) is a substitution, below).
  { id: 'logistic-symmetry', name: '1/(1 + e^(−u)) + 1/(1 + e^u) = 1', from: '(1 + exp(-u))^(-1) + (1 + exp(u))^(-1)', to: '1' },

  // Roots combine with powers of their radicand.
  { id: 'sqrt-times-radicand', name: 'u/√u = √u', from: 'u*sqrt(u)^(-1)', to: 'sqrt(u)' },
  { id: 'sqrt-over-radicand', name: '√u/u = 1/√u', from: 'u^(-1)*sqrt(u)', to: '1/sqrt(u)' },
  { id: 'cbrt-times-radicand', name: 'u/∛u² = ∛u', from: 'u*cbrt(u)^(-2)', to: 'cbrt(u)' },
  { id: 'cbrt-over-radicand', name: 'u/∛u = ∛u²', from: 'u*cbrt(u)^(-1)', to: 'cbrt(u)^2' },
  { id: 'cbrt-into-radicand', name: '∛u/u = 1/∛u²', from: 'u^(-1)*cbrt(u)', to: 'cbrt(u)^(-2)' },
  { id: 'cbrt-squared-over-radicand', name: '∛u²/u = 1/∛u', from: 'u^(-1)*cbrt(u)^2', to: 'cbrt(u)^(-1)' },
];

/**
 * Substitutions: rows (a call, or a product matched inside a term) that make their node larger on their own, tried on a whole sum or product (its
 * terms, their factors, and the terms of sum factors) and kept when the node, substituted and simplified,
 * is smaller: cos(arcsin x)/√(1 − x²) becomes 1, −2·sin 2x + 4·sin x·cos x becomes 0. Rows of one `group`
 * are substituted together; the zero test (src/simplify/zero.ts) uses every group at once.
 */
export interface SubstitutionRow extends IdentityRow {
  readonly group: 'inverse-composition' | 'double-angle' | 'hyperbolic-exp' | 'root-power' | 'logistic';
}

export const SUBSTITUTION_ROWS: readonly SubstitutionRow[] = [
  { group: 'inverse-composition', id: 'cos-asin', name: 'cos(arcsin u) = √(1 − u²)', from: 'cos(asin(u))', to: 'sqrt(1 - u^2)' },
  { group: 'inverse-composition', id: 'sin-acos', name: 'sin(arccos u) = √(1 − u²)', from: 'sin(acos(u))', to: 'sqrt(1 - u^2)' },
  { group: 'inverse-composition', id: 'cos-atan', name: 'cos(arctan u) = 1/√(1 + u²)', from: 'cos(atan(u))', to: '1/sqrt(1 + u^2)' },
  { group: 'inverse-composition', id: 'sin-atan', name: 'sin(arctan u) = u/√(1 + u²)', from: 'sin(atan(u))', to: 'u/sqrt(1 + u^2)' },
  { group: 'inverse-composition', id: 'cosh-asinh', name: 'cosh(arsinh u) = √(1 + u²)', from: 'cosh(asinh(u))', to: 'sqrt(1 + u^2)' },
  { group: 'inverse-composition', id: 'sinh-acosh', name: 'sinh(arcosh u) = √(u² − 1)', from: 'sinh(acosh(u))', to: 'sqrt(u^2 - 1)', domain: 'u ≥ 1 (where arcosh u is defined)' },
  { group: 'double-angle', id: 'sin-double', name: 'sin 2u = 2·sin u·cos u', from: 'sin(2*u)', to: '2*sin(u)*cos(u)', when: { integral: ['u'] } },
  { group: 'double-angle', id: 'cos-double', name: 'cos 2u = 2·cos²u − 1', from: 'cos(2*u)', to: '2*cos(u)^2 - 1', when: { integral: ['u'] } },
  { group: 'hyperbolic-exp', id: 'sinh-exp', name: 'sinh u = (e^u − e^(−u))/2', from: 'sinh(u)', to: '(exp(u) - exp(-u))/2' },
  { group: 'hyperbolic-exp', id: 'cosh-exp', name: 'cosh u = (e^u + e^(−u))/2', from: 'cosh(u)', to: '(exp(u) + exp(-u))/2' },
  { group: 'hyperbolic-exp', id: 'tanh-exp', name: 'tanh u = 1 − 2/(e^(2u) + 1)', from: 'tanh(u)', to: '1 - 2/(exp(2*u) + 1)' },
  { group: 'logistic', id: 'logistic-quotient', name: 'e^u/(1 + e^u) = 1/(1 + e^(−u))', from: 'exp(u)*(1 + exp(u))^(-1)', to: '1/(1 + exp(-u))' },
  { group: 'root-power', id: 'abs-of-power', name: '|u^k| = |u|^k', from: 'abs(u^k)', to: 'abs(u)^k', when: { integral: ['k'] } },
  { group: 'root-power', id: 'cbrt-of-power', name: '∛(u^k) = (∛u)^k', from: 'cbrt(u^k)', to: 'cbrt(u)^k', when: { integral: ['k'] } },
];

/**
 * Rows applied once, after simplification has finished, to choose how a result is shown where the
 * smaller form is not the one a textbook writes: σ(−u) helps cancellation (σ(u) + σ(−u) = 1) but the
 * derivative of σ is written σ(u)·(1 − σ(u)). Only rows whose left side is a call.
 */
export const PRESENTATION_ROWS: readonly IdentityRow[] = [
  { id: 'sigmoid-of-negative', name: 'σ(−u) = 1 − σ(u)', from: 'sigmoid(-u)', to: '1 - sigmoid(u)' },
];

/**
 * Rows generated code applies to a function before computing it and its gradient (src/code/build.ts), so that
 * it neither overflows nor divides ∞ by ∞ where the written form would (log(exp(x) + exp(y)) at x = 1000).
 * Each matches a whole call, power or product. They are not identities above: results keep the form the textbook
 * writes (the derivative of log(exp(x) + 1) is exp(x)/(1 + exp(x)), as examples.md has it); values at a point
 * do not overflow either way (src/numeric/log-domain.ts).
 */
export const STABLE_ROWS: readonly IdentityRow[] = [
  { id: 'logaddexp', name: 'ln(e^u + e^v) = logaddexp(u, v)', from: 'log(exp(u) + exp(v))', to: 'logaddexp(u, v)' },
  { id: 'softplus', name: 'ln(1 + e^u) = softplus(u)', from: 'log(1 + exp(u))', to: 'softplus(u)' },
  { id: 'sigmoid-reciprocal', name: '1/(1 + e^(−u)) = σ(u)', from: '(1 + exp(-u))^(-1)', to: 'sigmoid(u)' },
  { id: 'sigmoid-quotient', name: 'e^u/(1 + e^u) = σ(u)', from: 'exp(u)*(1 + exp(u))^(-1)', to: 'sigmoid(u)' },
  { id: 'softmax-pair', name: 'e^u/(e^u + e^v) = σ(u − v)', from: 'exp(u)*(exp(u) + exp(v))^(-1)', to: 'sigmoid(u - v)' },
];
