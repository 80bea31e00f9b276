/** "Did you mean" for unknown names: the closest known name by edit distance, if close enough. */

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/** Common spellings from other tools, mapped to ours. */
const KNOWN_SYNONYMS: Readonly<Record<string, string>> = {
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', sgn: 'sign', logistic: 'sigmoid', sigma: 'sigmoid',
  Relu: 'relu', ReLU: 'relu', theta: 'heaviside', H: 'heaviside', lg: 'log10', Log: 'log', Exp: 'exp',
  '\u03c3': 'sigmoid', Sigmoid: 'sigmoid', Sigma: 'sigmoid', Sqrt: 'sqrt', Abs: 'abs', Max: 'max', Min: 'min',
  Sin: 'sin', Cos: 'cos', Tan: 'tan', sqr: 'sqrt', root: 'sqrt', arsinh: 'asinh', arcosh: 'acosh', artanh: 'atanh',
};

export function suggestName(name: string, known: readonly string[]): string | undefined {
  // Own properties only: 'constructor' or '__proto__' must not find Object's.
  const synonym = Object.prototype.hasOwnProperty.call(KNOWN_SYNONYMS, name) ? KNOWN_SYNONYMS[name] : undefined;
  if (synonym !== undefined) return synonym;
  if (name.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}
