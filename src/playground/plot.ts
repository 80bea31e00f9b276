/**
 * The plot: f and ∂f/∂v over a range of v, the other variables at their values, and the tangent line
 * at the point, as an SVG string (crisp at any size, printable). Gaps where values are not finite or
 * jump (src/playground/sample.ts); the y range shows the bulk of the values, and whatever leaves it is
 * clipped, not squashed. The samples are written into data attributes (data-xs on the svg, data-ys and
 * data-breaks on each curve) so tests can check them against deriv's values.
 */
import type { Expr } from '../core/expr.js';
import { evaluate } from '../evaluate.js';
import { grid, sample, visibleRange, type Sampled } from './sample.js';
import { ticks, tickLabel } from './ticks.js';

export interface PlotRequest {
  readonly f: Expr;
  readonly df: Expr;
  readonly variable: string;
  /** Values of the other variables. */
  readonly others: ReadonlyMap<string, number>;
  readonly lo: number;
  readonly hi: number;
  /** The point's value of the variable: where the tangent touches. */
  readonly at: number | undefined;
  readonly samples?: number;
}

export interface PlotData {
  readonly request: PlotRequest;
  readonly f: Sampled;
  readonly df: Sampled;
  readonly yRange: readonly [number, number];
  readonly tangent: { readonly x: number; readonly y: number; readonly slope: number } | undefined;
}

/** e as a function of the plotted variable (NaN where it is undefined). */
export function asFunction(e: Expr, variable: string, others: ReadonlyMap<string, number>): (x: number) => number {
  const scope = new Map(others);
  return (x) => {
    scope.set(variable, x);
    try {
      return evaluate(e, scope);
    } catch {
      return NaN;
    }
  };
}

export function plotData(r: PlotRequest): PlotData {
  const xs = grid(r.lo, r.hi, r.samples ?? 300);
  const f = asFunction(r.f, r.variable, r.others);
  const derivative = asFunction(r.df, r.variable, r.others);
  // ∂f/∂x means something only where f is a real number: log(x)'s 1/x is not drawn for x < 0.
  const df = (x: number): number => (Number.isFinite(f(x)) ? derivative(x) : NaN);
  const fy = xs.map(f);
  const dfy = xs.map((x, i) => (Number.isFinite(fy[i]) ? derivative(x) : NaN));
  const yRange = visibleRange([...fy, ...dfy]);
  const span = yRange[1] - yRange[0];
  let tangent: PlotData['tangent'];
  if (r.at !== undefined) {
    const y = f(r.at), slope = df(r.at);
    if (Number.isFinite(y) && Number.isFinite(slope)) tangent = { x: r.at, y, slope };
  }
  return { request: r, f: sample(f, xs, span, fy), df: sample(df, xs, span, dfy), yRange, tangent };
}

const LEFT = 52, RIGHT = 14, TOP = 14, BOTTOM = 36;
/** The widest drawing, and the narrowest (a phone's column is ~360 px). */
const MAX_WIDTH = 640, MIN_WIDTH = 280;
const px = (v: number): string => String(Math.round(v * 100) / 100);
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const json = (ys: readonly number[]): string => JSON.stringify(ys.map((y) => (Number.isNaN(y) ? null : y)));

/**
 * The SVG. `labels` name the curves (f, ∂f/∂x) for the title and the legend. `width`: the box it is shown in,
 * in CSS pixels — the drawing is made at that size (between MIN_WIDTH and MAX_WIDTH) rather than scaled, so
 * its 12 px labels stay 12 px on a phone instead of shrinking with the picture; a narrow plot gets fewer ticks.
 */
export function plotSvg(d: PlotData, labels: { f: string; df: string }, width = MAX_WIDTH): string {
  const W = Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width))), H = Math.round(W * 0.5625);
  /** Pixel coordinates are kept in a band around the picture: the clip path hides the rest. */
  const clampPx = (v: number): number => Math.max(-4 * H, Math.min(5 * H, v));
  const { lo, hi, variable } = d.request;
  const [ylo, yhi] = d.yRange;
  const sx = (x: number): number => LEFT + ((x - lo) / (hi - lo)) * (W - LEFT - RIGHT);
  const sy = (y: number): number => clampPx(TOP + ((yhi - y) / (yhi - ylo)) * (H - TOP - BOTTOM));
  const path = (s: Sampled): string => {
    const breaks = new Set(s.breaks);
    let out = '', pen = false;
    s.xs.forEach((x, i) => {
      const y = s.ys[i]!;
      if (Number.isNaN(y)) return void (pen = false);
      out += `${pen && !breaks.has(i) ? 'L' : 'M'}${px(sx(x))} ${px(sy(y))}`;
      pen = true;
    });
    return out;
  };
  const xt = ticks(lo, hi, W < 480 ? 4 : 7), yt = ticks(ylo, yhi, W < 480 ? 5 : 6);
  const grid = [
    ...xt.map((t) => `<line class="grid${t === 0 ? ' zero' : ''}" x1="${px(sx(t))}" x2="${px(sx(t))}" y1="${TOP}" y2="${H - BOTTOM}"/><text class="tick" x="${px(sx(t))}" y="${H - BOTTOM + 16}" text-anchor="middle">${tickLabel(t)}</text>`),
    ...yt.map((t) => `<line class="grid${t === 0 ? ' zero' : ''}" x1="${LEFT}" x2="${W - RIGHT}" y1="${px(sy(t))}" y2="${px(sy(t))}"/><text class="tick" x="${LEFT - 6}" y="${px(sy(t) + 4)}" text-anchor="end">${tickLabel(t)}</text>`),
  ];
  const t = d.tangent;
  const tangent = t === undefined ? '' : [
    `<line class="tangent" data-x="${t.x}" data-y="${t.y}" data-slope="${t.slope}" x1="${px(sx(lo))}" y1="${px(sy(t.y + t.slope * (lo - t.x)))}" x2="${px(sx(hi))}" y2="${px(sy(t.y + t.slope * (hi - t.x)))}"/>`,
    `<circle class="point" cx="${px(sx(t.x))}" cy="${px(sy(t.y))}" r="4"/>`,
  ].join('');
  const title = `${labels.f} and ${labels.df} for ${variable} from ${tickLabel(lo)} to ${tickLabel(hi)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="plot-title" data-variable="${esc(variable)}" data-xs="${esc(JSON.stringify(d.f.xs))}">`,
    `<title id="plot-title">${esc(title)}</title>`,
    `<defs><clipPath id="plot-clip"><rect x="${LEFT}" y="${TOP}" width="${W - LEFT - RIGHT}" height="${H - TOP - BOTTOM}"/></clipPath></defs>`,
    `<g class="axes">${grid.join('')}<rect class="frame" x="${LEFT}" y="${TOP}" width="${W - LEFT - RIGHT}" height="${H - TOP - BOTTOM}"/></g>`,
    `<g clip-path="url(#plot-clip)">`,
    `<path class="curve f" data-series="f" data-ys="${esc(json(d.f.ys))}" data-breaks="${d.f.breaks.join(',')}" d="${path(d.f)}"/>`,
    `<path class="curve df" data-series="df" data-ys="${esc(json(d.df.ys))}" data-breaks="${d.df.breaks.join(',')}" d="${path(d.df)}"/>`,
    tangent,
    `</g>`,
    `<text class="axis-label" x="${W - RIGHT}" y="${H - 3}" text-anchor="end">${esc(variable)}</text>`,
    `</svg>`,
  ].join('');
}
