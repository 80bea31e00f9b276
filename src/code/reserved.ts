/**
 * The names no identifier of generated code may take, one table per language: the language's
 * keywords, the names its standard library or runtime defines where the generated code runs (a
 * global, a builtin, a <math.h> function or macro, a predefined macro), and the modules the code
 * imports. A variable, a temporary or a name the generator introduces itself (src/code/identifiers.ts)
 * that would be one of these is spelled differently.
 *
 * test/code-names.test.ts checks each table against the tools themselves where they are installed
 * (python3's keyword and builtins modules, the macros and functions cc's <math.h> declares, a fresh
 * JavaScript realm's globals), so a name a newer version adds shows up as a failing test.
 */
import type { CodeLanguage } from '../../rules/functions.js';

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

// JavaScript: ECMAScript reserved words (strict mode and modules included), the literals, and the
// global object's standard properties (what a fresh realm has), which the generated code may use.
const JS_KEYWORDS = words(`break case catch class const continue debugger default delete do else enum export extends false
finally for function if import in instanceof new null return super switch this throw true try typeof var void while with
yield let static implements interface package private protected public await arguments eval`);
const JS_GLOBALS = words(`globalThis undefined NaN Infinity Object Function Array Number Boolean String Symbol BigInt Date
Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError JSON Math Intl Reflect
Proxy ArrayBuffer SharedArrayBuffer DataView Atomics Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array
Float16Array Float32Array Float64Array Uint8ClampedArray BigUint64Array BigInt64Array Map Set WeakMap WeakSet WeakRef
FinalizationRegistry Iterator parseFloat parseInt isFinite isNaN decodeURI decodeURIComponent encodeURI encodeURIComponent
escape unescape console WebAssembly`);

// Python: keywords, soft keywords, every builtin (3.11–3.13), and the modules the code imports.
const PY_KEYWORDS = words(`False None True and as assert async await break class continue def del elif else except finally
for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type _`);
const PY_BUILTINS = words(`ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError
ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup
FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning
IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError OSError OverflowError
PendingDeprecationWarning PermissionError ProcessLookupError PythonFinalizationError RecursionError ReferenceError
ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit
TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError
UnicodeWarning UserWarning ValueError Warning ZeroDivisionError _IncompleteInputError __build_class__ __debug__ __doc__
__import__ __loader__ __name__ __package__ __spec__ __builtins__ __file__ __annotations__ __dict__ __class__ abs aiter all
anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir
divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance
issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr
reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip math`);
const NUMPY_NAMES = words('np numpy');

// C: keywords of C89–C23 and GCC's extensions, <math.h> (every function with each type suffix, every
// macro), predefined macros of GCC's GNU modes, and the macros of the headers a caller most often includes.
const C_KEYWORDS = words(`auto break case char const continue default do double else enum extern float for goto if inline
int long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while
alignas alignof bool constexpr false nullptr static_assert thread_local true typeof typeof_unqual asm fortran main`);
/** <math.h> functions (C23 and glibc), each also with the suffixes below: sin, sinf, sinl, sinf128, … */
const C_MATH_FUNCTIONS = words(`acos asin atan atan2 cos sin tan acospi asinpi atanpi atan2pi cospi sinpi tanpi acosh asinh
atanh cosh sinh tanh exp exp2 exp10 expm1 exp2m1 exp10m1 frexp ilogb ldexp llogb log log10 log1p logp1 log2 log2p1 log10p1
logb modf scalbn scalbln scalb cbrt compoundn fabs hypot pow pown powr rootn rsqrt sqrt erf erfc lgamma lgamma_r tgamma
gamma ceil floor nearbyint rint lrint llrint round lround llround roundeven trunc fromfp ufromfp fromfpx ufromfpx fmod
remainder remquo drem copysign nan nextafter nexttoward nextup nextdown canonicalize fdim fmax fmin fmaximum fminimum
fmaximum_mag fminimum_mag fmaximum_num fminimum_num fmaximum_mag_num fminimum_mag_num fmaxmag fminmag fma totalorder
totalordermag getpayload setpayload setpayloadsig quantize samequantum quantum llquantexp encodedec decodedec encodebin
decodebin significand finite isinf isnan j0 j1 jn y0 y1 yn sincos pow10 matherr`);
const C_TYPE_SUFFIXES = ['', 'f', 'l', 'f16', 'f32', 'f64', 'f128', 'f32x', 'f64x', 'f128x', 'd32', 'd64', 'd128', 'd64x', 'd128x'];
/** Narrowing operations: fadd, daddl, f32addf64, … (type prefix, operation, type suffix). */
const C_NARROWING = ['add', 'sub', 'mul', 'div', 'fma', 'sqrt'];
const C_NARROW_TYPES = ['f', 'd', 'f16', 'f32', 'f64', 'f128', 'f32x', 'f64x', 'd32', 'd64', 'd128', 'd64x'];
/** <math.h> constants, each also with the suffixes of its type: M_PI, M_PIf, M_PIl, M_PIf128, … */
const C_MATH_CONSTANTS = words('M_E M_LOG2E M_LOG10E M_LN2 M_LN10 M_PI M_PI_2 M_PI_4 M_1_PI M_2_PI M_2_SQRTPI M_SQRT2 M_SQRT1_2 M_SQRT3 M_PHI M_EGAMMA M_1_SQRTPI M_SQRT1_3');
const C_MATH_MACROS = words(`HUGE_VAL HUGE_VALF HUGE_VALL INFINITY NAN SNAN SNANF SNANL MAXFLOAT HUGE FP_INFINITE FP_NAN FP_NORMAL
FP_SUBNORMAL FP_ZERO FP_FAST_FMA FP_FAST_FMAF FP_FAST_FMAL FP_ILOGB0 FP_ILOGBNAN FP_LLOGB0 FP_LLOGBNAN FP_INT_UPWARD
FP_INT_DOWNWARD FP_INT_TOWARDZERO FP_INT_TONEARESTFROMZERO FP_INT_TONEAREST MATH_ERRNO MATH_ERREXCEPT math_errhandling
fpclassify iscanonical iseqsig isfinite isgreater isgreaterequal isinf isless islessequal islessgreater isnan isnormal
issignaling issubnormal isunordered iszero signbit float_t double_t signgam DOMAIN SING OVERFLOW UNDERFLOW TLOSS PLOSS
X_TLOSS DEC_INFINITY DEC_NAN HUGE_VAL_D32 HUGE_VAL_D64 HUGE_VAL_D128 FP_FAST_FMAD32 FP_FAST_FMAD64 FP_FAST_FMAD128`);
/** Predefined macros without a leading underscore (GNU modes define some: `linux` is 1 under gcc's default -std=gnu17). */
const C_PREDEFINED = words('linux unix i386 sun sparc mips host_mips MIPSEB MIPSEL R3000 vax pdp11 u3b m68k mc68000 ns32000 hp9000 hppa sgi');
/** Macros of <errno.h>, <stdio.h>, <stdlib.h>, <stddef.h>, <stdbool.h>, <assert.h>, <limits.h>, <float.h>, <complex.h>. */
const C_HEADER_MACROS = words(`errno EDOM ERANGE EILSEQ NULL EOF BUFSIZ FILENAME_MAX FOPEN_MAX L_tmpnam SEEK_SET SEEK_CUR
SEEK_END TMP_MAX stdin stdout stderr RAND_MAX EXIT_SUCCESS EXIT_FAILURE MB_CUR_MAX offsetof unreachable assert complex
imaginary I CHAR_BIT CHAR_MAX CHAR_MIN SCHAR_MAX SCHAR_MIN UCHAR_MAX SHRT_MAX SHRT_MIN USHRT_MAX INT_MAX INT_MIN UINT_MAX
LONG_MAX LONG_MIN ULONG_MAX LLONG_MAX LLONG_MIN ULLONG_MAX MB_LEN_MAX DBL_MAX DBL_MIN DBL_EPSILON DBL_DIG DBL_MANT_DIG
DBL_MAX_EXP DBL_MIN_EXP DBL_MAX_10_EXP DBL_MIN_10_EXP DBL_TRUE_MIN DBL_DECIMAL_DIG FLT_MAX FLT_MIN FLT_EPSILON FLT_DIG
FLT_RADIX FLT_ROUNDS FLT_EVAL_METHOD FLT_MANT_DIG FLT_TRUE_MIN LDBL_MAX LDBL_MIN LDBL_EPSILON DECIMAL_DIG CMPLX CMPLXF CMPLXL
size_t ptrdiff_t wchar_t max_align_t nullptr_t FILE fpos_t div_t ldiv_t lldiv_t`);

function cNames(): string[] {
  const out = [...C_KEYWORDS, ...C_MATH_MACROS, ...C_PREDEFINED, ...C_HEADER_MACROS];
  for (const f of C_MATH_FUNCTIONS) {
    const [stem, tail] = f.endsWith('_r') ? [f.slice(0, -2), '_r'] : [f, ''];
    for (const s of C_TYPE_SUFFIXES) out.push(`${stem}${s}${tail}`);
  }
  for (const to of C_NARROW_TYPES) for (const op of C_NARROWING) for (const from of ['', 'l', ...C_NARROW_TYPES]) out.push(`${to}${op}${from}`);
  for (const c of C_MATH_CONSTANTS) for (const s of ['', 'f', 'l', 'f16', 'f32', 'f64', 'f128', 'f32x', 'f64x', 'f128x']) out.push(`${c}${s}`);
  for (const m of ['HUGE_VAL', 'SNAN']) for (const s of ['F16', 'F32', 'F64', 'F128', 'F32X', 'F64X', 'F128X']) out.push(m === 'SNAN' ? `SNANF${s.slice(1)}` : `${m}_${s}`);
  return out;
}

/** The reserved names of each language (NumPy: Python's and the module's own). */
export const RESERVED_NAMES: Readonly<Record<CodeLanguage, ReadonlySet<string>>> = {
  js: new Set([...JS_KEYWORDS, ...JS_GLOBALS]),
  python: new Set([...PY_KEYWORDS, ...PY_BUILTINS]),
  numpy: new Set([...PY_KEYWORDS, ...PY_BUILTINS, ...NUMPY_NAMES]),
  c: new Set(cNames()),
};

/**
 * Names a language reserves by their form rather than one by one. C reserves every identifier that
 * starts with `__` or `_` and a capital letter for the implementation (C11 7.1.3: `__LINE__`, `_Bool`,
 * `__attribute__`, `__builtin_…`, `_Generic`, GCC's `__asm__`, `__typeof__`, …); such a name gets a
 * prefix. (`_x` is only reserved at file scope; generated names are parameters and locals.)
 */
export const RESERVED_FORM: Readonly<Record<CodeLanguage, RegExp | undefined>> = {
  js: undefined,
  python: undefined,
  numpy: undefined,
  c: /^_[A-Z_]/,
};

/** Whether a language reserves `name`, by the table or by its form. */
export const isReserved = (name: string, language: CodeLanguage): boolean =>
  RESERVED_NAMES[language].has(name) || RESERVED_FORM[language]?.test(name) === true;
