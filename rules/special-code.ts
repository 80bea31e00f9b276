/**
 * Generated-code helpers for the special functions (rules/special-rows.ts) in Python, NumPy and C, where
 * the language's library lacks them (Python's math and C's math.h have erf, erfc and lgamma; none has
 * digamma, polygamma or erfinv). The algorithms are those of src/numeric-special.ts (whose JavaScript
 * source is the JS helper), line for line, so every language gives the same digits.
 */

/** ψ(u) by the recurrence up to u ≥ 20 and the asymptotic series. */
const PY_DIGAMMA = (name: string): string => `def ${name}(u):
    if u != u or u == -math.inf or (u <= 0 and math.floor(u) == u):
        return math.nan
    r = 0.0
    while u < 20:
        r -= 1.0 / u
        u += 1.0
    f = 1.0 / (u * u)
    return r + math.log(u) - 0.5 / u - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))))`;

const PY_POLYGAMMA = (name: string): string => `${PY_DIGAMMA(`${name}_digamma`)}
def ${name}(n, u):
    if not (0 <= n <= 100 and math.floor(n) == n) or u != u or u == -math.inf or (u <= 0 and math.floor(u) == u):
        return math.nan
    if n == 0:
        return ${name}_digamma(u)
    fact = float(math.factorial(int(n)))
    r = 0.0
    while u < 20 + n:
        r += 1.0 / u ** (n + 1)
        u += 1.0
    s = fact / n / u ** n + fact / 2 / u ** (n + 1)
    coef = fact / n
    bernoulli = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6]
    for k in range(1, 8):
        coef *= (2 * k + n - 2) * (2 * k + n - 1) / ((2 * k - 1) * (2 * k))
        s += bernoulli[k - 1] * coef / u ** (2 * k + n)
    return (1.0 if n % 2 == 1 else -1.0) * (fact * r + s)`;

/** Giles' approximation, then Newton on erf below ½ and on erfc above (as src/numeric-special.ts). */
const PY_ERFINV = (name: string): string => `def ${name}(x):
    if not abs(x) <= 1:
        return math.nan
    if abs(x) == 1:
        return x * math.inf
    w = -math.log((1 - x) * (1 + x))
    if w < 5:
        w -= 2.5
        p = 2.81022636e-8
        for c in (3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 2.1858087e-4, -1.25372503e-3, -4.17768164e-3, 0.246640727, 1.50140941):
            p = c + p * w
    else:
        w = math.sqrt(w) - 3
        p = -2.00214257e-4
        for c in (1.00950558e-4, 1.34934322e-3, -3.67342844e-3, 5.73950773e-3, -7.6224613e-3, 9.43887047e-3, 1.00167406, 2.83297682):
            p = c + p * w
    t = abs(x)
    y = abs(p * x)
    for _ in range(3):
        slope = 2 / math.sqrt(math.pi) * math.exp(-y * y)
        y += (t - math.erf(y)) / slope if t < 0.5 else (math.erfc(y) - (1 - t)) / slope
    return -y if x < 0 else y`;

const C_DIGAMMA = (name: string): string => `static double ${name}(double u) {
  if (u != u || u == -INFINITY || (u <= 0 && floor(u) == u)) return NAN;
  double r = 0;
  while (u < 20) { r -= 1 / u; u += 1; }
  double f = 1 / (u * u);
  return r + log(u) - 0.5 / u - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
}`;

const C_POLYGAMMA = (name: string): string => `${C_DIGAMMA(`${name}_digamma`)}
static double ${name}(double n, double u) {
  if (!(n >= 0 && n <= 100 && floor(n) == n) || u != u || u == -INFINITY || (u <= 0 && floor(u) == u)) return NAN;
  if (n == 0) return ${name}_digamma(u);
  static double bernoulli[7] = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6};
  double fact = 1;
  for (int k = 2; k <= n; k++) fact *= k;
  double r = 0;
  while (u < 20 + n) { r += 1 / pow(u, n + 1); u += 1; }
  double s = fact / n / pow(u, n) + fact / 2 / pow(u, n + 1), coef = fact / n;
  for (int k = 1; k <= 7; k++) {
    coef *= ((2 * k + n - 2) * (2 * k + n - 1)) / ((2 * k - 1) * (2.0 * k));
    s += bernoulli[k - 1] * coef / pow(u, 2 * k + n);
  }
  return (fmod(n, 2) == 1 ? 1 : -1) * (fact * r + s);
}`;

const C_ERFINV = (name: string): string => `static double ${name}(double x) {
  if (!(fabs(x) <= 1)) return NAN;
  if (fabs(x) == 1) return x * INFINITY;
  double w = -log((1 - x) * (1 + x)), p;
  if (w < 5) {
    static double c[8] = {3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 2.1858087e-4, -1.25372503e-3, -4.17768164e-3, 0.246640727, 1.50140941};
    w -= 2.5;
    p = 2.81022636e-8;
    for (int i = 0; i < 8; i++) p = c[i] + p * w;
  } else {
    static double c[8] = {1.00950558e-4, 1.34934322e-3, -3.67342844e-3, 5.73950773e-3, -7.6224613e-3, 9.43887047e-3, 1.00167406, 2.83297682};
    w = sqrt(w) - 3;
    p = -2.00214257e-4;
    for (int i = 0; i < 8; i++) p = c[i] + p * w;
  }
  double t = fabs(x), y = fabs(p * x);
  for (int i = 0; i < 3; i++) {
    double slope = 1.1283791670955126 * exp(-y * y); /* 2/√π */
    y += t < 0.5 ? (t - erf(y)) / slope : (erfc(y) - (1 - t)) / slope;
  }
  return x < 0 ? -y : y;
}`;

/** A NumPy helper that applies a Python scalar helper entry by entry. */
const vectorised = (name: string, params: string, scalar: string): string =>
  `${scalar}\ndef ${name}(${params}):\n    return np.vectorize(${name}_scalar, "d")(${params})`;

export const PY_SPECIAL = { digamma: PY_DIGAMMA, polygamma: PY_POLYGAMMA, erfinv: PY_ERFINV } as const;
export const C_SPECIAL = { digamma: C_DIGAMMA, polygamma: C_POLYGAMMA, erfinv: C_ERFINV } as const;

/** NumPy: `name` applied entry by entry, from a Python source (or a math function) of the same name. */
export function numpySpecial(name: string, params: string, scalar: (name: string) => string): string {
  return vectorised(name, params, scalar(`${name}_scalar`));
}
/** NumPy: a function of Python's math applied entry by entry. */
export const numpyOfMath = (name: string, mathName: string): string =>
  `def ${name}(u):\n    return np.vectorize(math.${mathName}, "d")(u)`;
