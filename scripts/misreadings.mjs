// Writes test/data/misreadings.json: inputs as students copy them from the tutorials (/work/shared/seeds,
// docs' examples) and from PyTorch/NumPy code, each with what the student meant in deriv's syntax and the
// question asked (--wrt, --shape). test/misreadings.test.ts checks that deriv answers each as meant or says
// what it read (a note, a hint or an error) — never silently answers another question.
// Run: node scripts/misreadings.mjs (the list is committed; rerun after editing the tables below).
import { writeFileSync } from 'node:fs';

const entries = [];
const add = (input, meant, wrt, source, shape) => entries.push({ input, meant, ...(wrt === undefined ? {} : { wrt }), ...(shape === undefined ? {} : { shape }), source });

// PyTorch / NumPy / Python namespaces × functions × arguments.
const NAMESPACED = [
  ['torch', ['exp', 'log', 'relu', 'sigmoid', 'tanh', 'sin', 'cos', 'sqrt', 'abs', 'log1p', 'expm1']],
  ['F', ['relu', 'sigmoid', 'tanh', 'softplus']],
  ['torch.nn.functional', ['relu', 'softplus']],
  ['np', ['exp', 'log', 'sin', 'cos', 'tanh', 'sqrt', 'abs', 'log10', 'log2', 'log1p', 'cbrt']],
  ['numpy', ['exp', 'log']],
  ['math', ['exp', 'log', 'sin', 'cos', 'sqrt', 'tanh', 'log10', 'atan']],
  ['jnp', ['exp', 'tanh']],
];
const ARGS = [['x', 'x'], ['w*x + b', 'w,b'], ['2*x - 1', 'x']];
for (const [ns, fns] of NAMESPACED)
  for (const f of fns)
    for (const [arg, wrt] of ARGS) add(`${ns}.${f}(${arg})`, `${f}(${arg})`, wrt, 'pytorch/numpy');
// Renamed spellings.
for (const [input, meant, wrt] of [
  ['np.arcsin(x/2)', 'asin(x/2)', 'x'], ['np.arctan(x)', 'atan(x)', 'x'], ['np.arctanh(x/2)', 'atanh(x/2)', 'x'],
  ['np.power(x, 3)', 'x^3', 'x'], ['torch.pow(w*x, 2)', '(w*x)^2', 'w'], ['math.pow(x, 2)', 'x^2', 'x'],
  ['np.maximum(0, w*x + b)', 'max(0, w*x + b)', 'w,b'], ['np.minimum(x, 1)', 'min(x, 1)', 'x'],
  ['torch.special.expit(z)', 'sigmoid(z)', 'z'], ['scipy.special.expit(w*x)', 'sigmoid(w*x)', 'w'],
  ['np.absolute(x - 1)', 'abs(x - 1)', 'x'], ['math.fabs(x)', 'abs(x)', 'x'],
  ['np.exp(-x**2)', 'exp(-x^2)', 'x'], ['np.pi*x**2', 'pi*x^2', 'x'], ['math.e**x', 'e^x', 'x'], ['torch.log(1 + torch.exp(z))', 'log(1 + exp(z))', 'z'],
  ['F.relu(w2*F.relu(w1*x + b1) + b2)', 'relu(w2*relu(w1*x + b1) + b2)', 'w1,b1,w2,b2'],
  ['torch.sigmoid(w*x + b)', 'sigmoid(w*x + b)', 'w,b'], ['-(y*torch.log(p) + (1 - y)*torch.log(1 - p))', '-(y*log(p) + (1 - y)*log(1 - p))', 'p'],
]) add(input, meant, wrt, 'pytorch/numpy');
// Methods on a name.
for (const [m, meant] of [['exp()', 'exp(x)'], ['log()', 'log(x)'], ['sigmoid()', 'sigmoid(x)'], ['relu()', 'relu(x)'], ['tanh()', 'tanh(x)'], ['sqrt()', 'sqrt(x)'], ['abs()', 'abs(x)'], ['sin()', 'sin(x)'], ['pow(2)', 'x^2'], ['pow(3)', 'x^3'], ['pow(0.5)', 'x^0.5']])
  for (const around of [['', ''], ['2*', ''], ['', ' + 1']]) add(`${around[0]}x.${m}${around[1]}`, `${around[0]}${meant}${around[1]}`, 'x', 'pytorch');
for (const [input, meant] of [['(x + 1).pow(2)', '(x + 1)^2'], ['(w*x + b).sigmoid()', 'sigmoid(w*x + b)'], ['(w*x - y).abs()', 'abs(w*x - y)']]) add(input, meant, 'x', 'pytorch');
// Python's ** for powers.
for (const [input, meant, wrt] of [
  ['x**2', 'x^2', 'x'], ['x**3 + 2*x', 'x^3 + 2*x', 'x'], ['(w*x + b - y)**2', '(w*x + b - y)^2', 'w,b'], ['0.5*(w*x + b - y)**2', '0.5*(w*x + b - y)^2', 'w,b'],
  ['2**x', '2^x', 'x'], ['x**0.5', 'x^0.5', 'x'], ['x**-1', 'x^-1', 'x'], ['(y - y_hat)**2', '(y - y_hat)^2', 'y_hat'], ['w**2 + b**2', 'w^2 + b^2', 'w,b'],
  ['1/(1 + math.e**(-z))', '1/(1 + e^(-z))', 'z'], ['x**2*y**3', 'x^2*y^3', 'x,y'], ['(x**2 + 1)**0.5', '(x^2 + 1)^0.5', 'x'],
]) add(input, meant, wrt, 'python');
// Transposes and matrix products without shapes: a scalar reading would answer another question.
for (const [input, meant, wrt] of [
  ['w^T x', 'w*x', 'w'], ['w^Tx', 'w*x', 'w'], ['w^T*x', 'w*x', 'w'], ['(w^T x + b - y)^2', '(w*x + b - y)^2', 'w'], ['1/2*(w^T x + b - y)^2', '1/2*(w*x + b - y)^2', 'w,b'],
  ['w.T*x', 'w*x', 'w'], ['w.T @ x', 'w*x', 'w'], ['X@w', 'X*w', 'w'], ['wᵀx + b', 'w*x + b', 'w'], ["w'*x", 'w*x', 'w'], ['sigmoid(w^T x + b)', 'sigmoid(w*x + b)', 'w'],
  ['torch.matmul(X, w)', 'X*w', 'w'], ['torch.sum(x)', 'x', 'x'], ['x.sum()', 'x', 'x'], ['x.mean()', 'x', 'x'], ['torch.mean((w*x - y)**2)', '(w*x - y)^2', 'w'],
  ['np.dot(w, x)', 'w*x', 'w'], ['x.T', 'x', 'x'],
]) add(input, meant, wrt, 'tutorials (ŷ = wᵀx + b)');
// The same with shapes: the matrix form, compared with deriv's own matrix spelling.
for (const [input, meant, wrt, shape] of [
  ['(w^T x + b - y)^2', "(w'*x + b - y)^2", 'w', 'w=d,x=d'], ['(w.T @ x + b - y)**2', "(w'*x + b - y)^2", 'w', 'w=d,x=d'], ['max(0, w·x + b)', 'max(0, dot(w, x) + b)', 'w', 'w=d,x=d'],
  ['torch.sum((X@w - y)**2)', 'sum((X*w - y)^2)', 'w', 'X=n×d,w=d,y=n'], ['((X@w - y)**2).mean()', 'mean((X*w - y)^2)', 'w', 'X=n×d,w=d,y=n'], ['np.dot(w, x) + b', 'dot(w, x) + b', 'w', 'w=d,x=d'],
  ['torch.sigmoid(w.T @ x + b)', "sigmoid(w'*x + b)", 'w', 'w=d,x=d'], ['1/2*torch.sum((X@w + b - y)**2)', '1/2*sum((X*w + b - y)^2)', 'w,b', 'X=n×d,w=d,y=n'], ['w⋅x', 'dot(w, x)', 'w', 'w=d,x=d'],
]) add(input, meant, wrt, 'pytorch (shapes)', shape);
// Unicode from typeset notes: fractions, sub- and superscripts, look-alike operators.
for (const [input, meant, wrt] of [
  ['½*x^2', '1/2*x^2', 'x'], ['½x²', '1/2*x^2', 'x'], ['½(w*x + b - y)²', '1/2*(w*x + b - y)^2', 'w,b'], ['⅓x³', '1/3*x^3', 'x'], ['¼*(y - ŷ)²', '1/4*(y - ŷ)^2', 'ŷ'],
  ['¾x', '3/4*x', 'x'], ['⅔*x', '2/3*x', 'x'], ['⅛x^2', '1/8*x^2', 'x'], ['2½x', '5/2*x', 'x'], ['x^½', 'x^(1/2)', 'x'],
  ['w₁*x + b₁', 'w1*x + b1', 'w1,b1'], ['w₁x₁ + w₂x₂ + b', 'w1*x1 + w2*x2 + b', 'w1,w2,b'], ['σ(w₁*x + b₁)', 'sigmoid(w1*x + b1)', 'w1'], ['(w₂*relu(w₁*x + b₁) + b₂ - y)²', '(w2*relu(w1*x + b1) + b2 - y)^2', 'w1,b1,w2,b2'],
  ['x² + y²', 'x^2 + y^2', 'x,y'], ['x³', 'x^3', 'x'], ['x⁻¹', 'x^-1', 'x'], ['e^(−x²)', 'e^(-x^2)', 'x'], ['(x−1)²', '(x-1)^2', 'x'], ['2×x', '2*x', 'x'], ['x÷2', 'x/2', 'x'],
  ['（w*x＋b－y）^2', '(w*x+b-y)^2', 'w,b'], ['w・x', 'w*x', 'w'], ['√x', 'sqrt(x)', 'x'], ['|x|', 'abs(x)', 'x'], ['ŷ = w*x + b', 'w*x + b', 'w,b'], ['L = ½(ŷ − y)²', '1/2*(ŷ - y)^2', 'ŷ'],
  ['θ₀ + θ₁*x', 'θ0 + θ1*x', 'θ0,θ1'], ['sin²(x)', 'sin(x)^2', 'x'], ['x²y', 'x^2*y', 'x,y'],
]) add(input, meant, wrt, 'tutorials (typeset)');
// Juxtaposition that reads another way, and names that look like products.
for (const [input, meant, wrt] of [
  ['1/2x', '1/(2*x)', 'x'], ['1/2x^2', '1/(2*x^2)', 'x'], ['x/2y', 'x/2*y', 'x,y'], ['x^2y', 'x^(2*y)', 'x,y'], ['xe^w', 'x*e^w', 'x,w'], ['xw^2 + b^2', 'x*w^2 + b^2', 'w,b'],
  ['wx + b', 'w*x + b', 'w,b'], ['wx+b-y', 'w*x+b-y', 'w,b'], ['(wx + b - y)^2', '(w*x + b - y)^2', 'w,b'], ['xy', 'x*y', 'x,y'], ['2xy', '2*x*y', 'x,y'], ['ab + c', 'a*b + c', 'a,b'],
  ['d/dx(x^2)', 'x^2', 'x'], ['dy/dx', 'y', 'x'], ["sigmoid'(z)", 'sigmoid(z)', 'z'], ["f'(x)", 'x', 'x'], ['sin x', 'sin(x)', 'x'], ['sinx', 'sin(x)', 'x'], ['lnx', 'log(x)', 'x'],
  ['e^-x', 'e^(-x)', 'x'], ['-x^2', '-(x^2)', 'x'], ['2^-x^2', '2^(-(x^2))', 'x'], ['σ(z)', 'sigmoid(z)', 'z'], ['ReLU(x)', 'relu(x)', 'x'], ['arcsin(x)', 'asin(x)', 'x'], ['lg(x)', 'log10(x)', 'x'],
]) add(input, meant, wrt, 'tutorials (juxtaposition)');
// Gradient without --wrt: the variables themselves are part of the question.
for (const [input, meant] of [['xw^2 + b^2', 'x*w^2 + b^2'], ['wx + b', 'w*x + b'], ['w^T x', 'w*x'], ['½x²', '1/2*x^2'], ['x**2 + y**2', 'x^2 + y^2'], ['torch.relu(w*x + b)', 'relu(w*x + b)'], ['w₁x + b₁', 'w1*x + b1']])
  add(input, meant, undefined, 'tutorials (no --wrt)');
// Constants: exact values fold; no real value is said.
for (const [input, meant, wrt] of [['x/sin(pi)', 'x/0', 'x'], ['asin(2)*x', 'asin(2)*x', 'x'], ['log(-1) + x', 'log(-1) + x', 'x'], ['sqrt(-2)*x', 'sqrt(-2)*x', 'x'], ['x*cos(pi)', '-x', 'x'], ['x/x', '1', 'x'], ['x*log(e)', 'x', 'x']])
  add(input, meant, wrt, 'constants');
// The seeds' own formulas, as printed.
for (const [input, meant, wrt] of [
  ['L = 1/2*(w*x+b-y)^2', '1/2*(w*x+b-y)^2', 'w,b'], ['(w*x + b - y)²', '(w*x + b - y)^2', 'w,b'], ['1/m*(w*x - y)^2', '1/m*(w*x - y)^2', 'w'], ['y = sin(x^2)', 'sin(x^2)', 'x'],
  ['x^2*y + sin(x*y)', 'x^2*y + sin(x*y)', 'x,y'], ['w2*max(0, w1*x + b1) + b2', 'w2*max(0, w1*x + b1) + b2', 'w1,b1,w2,b2'], ['1/(1 + e^(-z))', '1/(1 + e^(-z))', 'z'],
  ['-(y*log(ŷ) + (1-y)*log(1-ŷ))', '-(y*log(ŷ) + (1-y)*log(1-ŷ))', 'ŷ'], ['(y_pred - y_true)**2', '(y_pred - y_true)^2', 'y_pred'], ['w*x**2 + b', 'w*x^2 + b', 'w,b'],
]) add(input, meant, wrt, 'seeds');

writeFileSync(new URL('../test/data/misreadings.json', import.meta.url), `${JSON.stringify(entries, null, 1)}\n`);
console.log(`${entries.length} misreadings written`);
