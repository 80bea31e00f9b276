/**
 * Special functions JavaScript's Math lacks: erf, erfc, erfinv, lgamma, digamma, polygamma.
 *
 * Each is here twice, operation for operation: as JavaScript source, the helper generated JS code defines
 * (rules/special-rows.ts; self-contained, since a helper is pasted alone, so erfinv carries its own erfc), and
 * as the TypeScript deriv evaluates with (test/special-functions.test.ts checks they agree bit for bit).
 *
 * Accuracy (double precision, checked against Python's math and PyTorch in tests): erf/erfc by the series
 * erf(a) = 2/√π·e^(−a²)·Σ (2a²)ⁿ·a/(1·3·…·(2n+1)) below 2.5 and the continued fraction of erfc above;
 * lgamma by Lanczos (g = 7, 9 terms) with reflection below ½; digamma and polygamma by the recurrence
 * ψ⁽ⁿ⁾(u) = ψ⁽ⁿ⁾(u + 1) − (−1)ⁿ·n!/uⁿ⁺¹ up to u ≥ 20 + n and the asymptotic series there; erfinv by Giles'
 * approximation (single precision) refined by three Newton steps on erf(|y|) = |x| below ½ and on
 * erfc(|y|) = 1 − |x| above (exact there, so no cancellation near ±1). polygamma's coef is (2k + n − 1)!/(2k)!.
 */

/** erf(u) (name `name`), and, when `erfc` is given, erfc(u) named so: both read one continued fraction. */
const ERF_CORE = (prefix: string): string => `function ${prefix}erfSeries(a) {
  let term = a, sum = a;
  for (let n = 1; term > 1e-17 * sum; n++) { term *= (2 * a * a) / (2 * n + 1); sum += term; }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
}
function ${prefix}erfcFraction(a) {
  if (a === Infinity) return 0;
  let f = a;
  for (let k = 120; k >= 1; k--) f = a + k / 2 / f;
  return Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
}`;

const erfSource = (name: string): string => `${ERF_CORE(`${name}_`)}
function ${name}(u) {
  const a = Math.abs(u);
  if (a !== a) return u;
  const v = a < 2.5 ? ${name}_erfSeries(a) : 1 - ${name}_erfcFraction(a);
  return u < 0 ? -v : v;
}`;

const erfcSource = (name: string): string => `${ERF_CORE(`${name}_`)}
function ${name}(u) {
  if (u !== u) return u;
  if (u >= 2.5) return ${name}_erfcFraction(u);
  if (u <= -2.5) return 2 - ${name}_erfcFraction(-u);
  return u < 0 ? 1 + ${name}_erfSeries(-u) : 1 - ${name}_erfSeries(u);
}`;

const erfinvSource = (name: string): string => `${erfcSource(`${name}_erfc`)}
function ${name}(x) {
  if (!(Math.abs(x) <= 1)) return NaN;
  if (Math.abs(x) === 1) return x * Infinity;
  let w = -Math.log((1 - x) * (1 + x));
  let p;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8; p = 3.43273939e-7 + p * w; p = -3.5233877e-6 + p * w; p = -4.39150654e-6 + p * w;
    p = 2.1858087e-4 + p * w; p = -1.25372503e-3 + p * w; p = -4.17768164e-3 + p * w; p = 0.246640727 + p * w; p = 1.50140941 + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -2.00214257e-4; p = 1.00950558e-4 + p * w; p = 1.34934322e-3 + p * w; p = -3.67342844e-3 + p * w;
    p = 5.73950773e-3 + p * w; p = -7.6224613e-3 + p * w; p = 9.43887047e-3 + p * w; p = 1.00167406 + p * w; p = 2.83297682 + p * w;
  }
  const t = Math.abs(x), target = 1 - t;
  let y = Math.abs(p * x);
  for (let i = 0; i < 3; i++) {
    const slope = (2 / Math.sqrt(Math.PI)) * Math.exp(-y * y);
    y += t < 0.5 ? (t - ${name}_erfc_erfSeries(y)) / slope : (${name}_erfc(y) - target) / slope;
  }
  return x < 0 ? -y : y;
}`;

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
const lgammaSource = (name: string): string => `function ${name}(u) {
  if (u !== u) return u;
  if (u === Infinity || u === -Infinity) return Infinity;
  if (u <= 0 && Math.floor(u) === u) return Infinity;
  if (u < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * u))) - ${name}(1 - u);
  const c = [${LANCZOS.join(', ')}];
  const x = u - 1;
  let s = c[0];
  for (let i = 1; i < 9; i++) s += c[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}`;

const digammaSource = (name: string): string => `function ${name}(u) {
  if (u !== u || u === -Infinity || (u <= 0 && Math.floor(u) === u)) return NaN;
  let r = 0;
  while (u < 20) { r -= 1 / u; u += 1; }
  const f = 1 / (u * u);
  return r + Math.log(u) - 0.5 / u - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
}`;

/** ψ⁽ⁿ⁾(u) for an integer order 0 ≤ n ≤ 100 (n = 0: digamma, from its own private copy); NaN for any other n. */
const polygammaSource = (name: string): string => `${digammaSource(`${name}_digamma`)}
function ${name}(n, u) {
  if (!(n >= 0 && n <= 100 && Math.floor(n) === n) || u !== u || u === -Infinity || (u <= 0 && Math.floor(u) === u)) return NaN;
  if (n === 0) return ${name}_digamma(u);
  let fact = 1;
  for (let k = 2; k <= n; k++) fact *= k;
  const sign = n % 2 === 1 ? 1 : -1;
  let r = 0;
  while (u < 20 + n) { r += 1 / Math.pow(u, n + 1); u += 1; }
  const bernoulli = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6];
  let s = fact / n / Math.pow(u, n) + fact / 2 / Math.pow(u, n + 1);
  let coef = fact / n;
  for (let k = 1; k <= bernoulli.length; k++) {
    coef *= ((2 * k + n - 2) * (2 * k + n - 1)) / ((2 * k - 1) * (2 * k));
    s += (bernoulli[k - 1] * coef) / Math.pow(u, 2 * k + n);
  }
  return sign * (fact * r + s);
}`;

/** The generated-code helper: the source under `name`. */
export const SPECIAL_JS = {
  erf: erfSource,
  erfc: erfcSource,
  erfinv: erfinvSource,
  lgamma: lgammaSource,
  digamma: digammaSource,
  polygamma: polygammaSource,
} as const;

// deriv's own implementations: the same algorithms, operation for operation, as the sources above (the
// playground's Content-Security-Policy forbids compiling those with new Function; test/special-functions.test.ts
// checks that each source and its twin here give the same bits).

function erfSeries(a: number): number {
  let term = a;
  let sum = a;
  for (let n = 1; term > 1e-17 * sum; n++) {
    term *= (2 * a * a) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
}
function erfcFraction(a: number): number {
  if (a === Infinity) return 0;
  let f = a;
  for (let k = 120; k >= 1; k--) f = a + k / 2 / f;
  return Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
}

export function erf(u: number): number {
  const a = Math.abs(u);
  if (a !== a) return u;
  const v = a < 2.5 ? erfSeries(a) : 1 - erfcFraction(a);
  return u < 0 ? -v : v;
}

export function erfc(u: number): number {
  if (u !== u) return u;
  if (u >= 2.5) return erfcFraction(u);
  if (u <= -2.5) return 2 - erfcFraction(-u);
  return u < 0 ? 1 + erfSeries(-u) : 1 - erfSeries(u);
}

const GILES_SMALL = [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 2.1858087e-4, -1.25372503e-3, -4.17768164e-3, 0.246640727, 1.50140941];
const GILES_LARGE = [1.00950558e-4, 1.34934322e-3, -3.67342844e-3, 5.73950773e-3, -7.6224613e-3, 9.43887047e-3, 1.00167406, 2.83297682];

export function erfinv(x: number): number {
  if (!(Math.abs(x) <= 1)) return NaN;
  if (Math.abs(x) === 1) return x * Infinity;
  let w = -Math.log((1 - x) * (1 + x));
  let p: number;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8;
    for (const c of GILES_SMALL) p = c + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -2.00214257e-4;
    for (const c of GILES_LARGE) p = c + p * w;
  }
  const t = Math.abs(x);
  const target = 1 - t;
  let y = Math.abs(p * x);
  for (let i = 0; i < 3; i++) {
    const slope = (2 / Math.sqrt(Math.PI)) * Math.exp(-y * y);
    y += t < 0.5 ? (t - erfSeries(y)) / slope : (erfc(y) - target) / slope;
  }
  return x < 0 ? -y : y;
}

export function lgamma(u: number): number {
  if (u !== u) return u;
  if (u === Infinity || u === -Infinity) return Infinity;
  if (u <= 0 && Math.floor(u) === u) return Infinity;
  if (u < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * u))) - lgamma(1 - u);
  const x = u - 1;
  let s = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) s += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

export function digamma(u: number): number {
  if (u !== u || u === -Infinity || (u <= 0 && Math.floor(u) === u)) return NaN;
  let r = 0;
  while (u < 20) {
    r -= 1 / u;
    u += 1;
  }
  const f = 1 / (u * u);
  return r + Math.log(u) - 0.5 / u - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
}

const BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6];

export function polygamma(n: number, u: number): number {
  if (!(n >= 0 && n <= 100 && Math.floor(n) === n) || u !== u || u === -Infinity || (u <= 0 && Math.floor(u) === u)) return NaN;
  if (n === 0) return digamma(u);
  let fact = 1;
  for (let k = 2; k <= n; k++) fact *= k;
  const sign = n % 2 === 1 ? 1 : -1;
  let r = 0;
  while (u < 20 + n) {
    r += 1 / Math.pow(u, n + 1);
    u += 1;
  }
  let s = fact / n / Math.pow(u, n) + fact / 2 / Math.pow(u, n + 1);
  let coef = fact / n;
  for (let k = 1; k <= BERNOULLI.length; k++) {
    coef *= ((2 * k + n - 2) * (2 * k + n - 1)) / ((2 * k - 1) * (2 * k));
    s += (BERNOULLI[k - 1]! * coef) / Math.pow(u, 2 * k + n);
  }
  return sign * (fact * r + s);
}
