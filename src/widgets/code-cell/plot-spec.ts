/**
 * The cells' return convention: a program that ends with
 *
 *   return { plot: { type: 'line' | 'dot' | 'cell', data, title?, x?, y?, series? } }
 *
 * (or `plot: [spec, spec]` for up to MAX_PLOTS charts) gets a chart drawn under its output. `data` is
 *   - line, dot: numbers (y against their index), [x, y] pairs, objects with x and y fields (names set by
 *     `x` and `y`; a `series` field name splits them into lines), or an object of named number arrays;
 *   - cell: a matrix (an array of equal-length number arrays), drawn as a heatmap, row 0 at the top.
 * `x` and `y` also label the axes (`xLabel`, `yLabel` override). Tensors are accepted anywhere a number
 * array is (the sandbox reads them first). Anything else the code returns is printed as "returned: …".
 * Pure: the sandbox calls it in the Worker; its errors are shown to the reader as they are.
 */
import type { PlotItem } from './output';

export const MAX_PLOTS = 4;
export const MAX_POINTS = 5000;
export const MAX_MATRIX = { rows: 120, cols: 120 } as const;
const PLOT_TYPES = ['line', 'dot', 'cell'] as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v.slice(0, 120) : fallback);

export class PlotSpecError extends Error {
  override name = 'PlotError';
}

function fail(message: string): never {
  throw new PlotSpecError(`return { plot }: ${message}`);
}

/** True when the returned value asks for charts. */
export function hasPlot(value: unknown): value is { plot: unknown } {
  return isObj(value) && 'plot' in value;
}

/** The charts a returned `{ plot }` asks for, checked and in plain numbers. Throws PlotSpecError. */
export function normalizePlots(plot: unknown): PlotItem[] {
  const specs = Array.isArray(plot) ? plot : [plot];
  if (specs.length === 0) fail('the list of plots is empty');
  if (specs.length > MAX_PLOTS) fail(`at most ${MAX_PLOTS} plots, got ${specs.length}`);
  return specs.map((s, i) => normalizePlot(s, specs.length > 1 ? `plot ${i + 1}: ` : ''));
}

function normalizePlot(spec: unknown, where: string): PlotItem {
  if (!isObj(spec)) fail(`${where}expected an object like { type: 'line', data: [...] }`);
  const type = spec.type ?? 'line';
  if (!(PLOT_TYPES as readonly unknown[]).includes(type)) {
    fail(`${where}type must be one of ${PLOT_TYPES.map((t) => `'${t}'`).join(', ')}, got ${JSON.stringify(type)}`);
  }
  const xField = typeof spec.x === 'string' ? spec.x : 'x';
  const yField = typeof spec.y === 'string' ? spec.y : 'y';
  const base = {
    kind: 'plot' as const,
    type: type as PlotItem['type'],
    title: text(spec.title, ''),
    xLabel: text(spec.xLabel, type === 'cell' ? 'column' : typeof spec.x === 'string' ? spec.x : 'x'),
    yLabel: text(spec.yLabel, type === 'cell' ? 'row' : typeof spec.y === 'string' ? spec.y : 'y'),
    points: [] as PlotItem['points'],
    matrix: [] as number[][],
  };
  const data = spec.data;
  if (type === 'cell') return { ...base, matrix: matrixOf(data, where) };
  const seriesField = typeof spec.series === 'string' ? spec.series : null;
  return { ...base, points: pointsOf(data, xField, yField, seriesField, where) };
}

function matrixOf(data: unknown, where: string): number[][] {
  if (!Array.isArray(data) || data.length === 0 || !data.every(Array.isArray)) {
    fail(`${where}a 'cell' plot needs data as a matrix: an array of rows of numbers`);
  }
  const rows = data as unknown[][];
  const cols = rows[0].length;
  if (cols === 0 || !rows.every((r) => r.length === cols))
    fail(`${where}every row of the matrix needs ${cols || 'some'} numbers`);
  if (rows.length > MAX_MATRIX.rows || cols > MAX_MATRIX.cols) {
    fail(
      `${where}the matrix is ${rows.length} × ${cols}; a chart shows at most ${MAX_MATRIX.rows} × ${MAX_MATRIX.cols}`,
    );
  }
  if (!rows.every((r) => r.every(isNum))) fail(`${where}the matrix holds something that is not a finite number`);
  return rows as number[][];
}

function pointsOf(data: unknown, xField: string, yField: string, seriesField: string | null, where: string) {
  const points: PlotItem['points'] = [];
  const push = (x: unknown, y: unknown, series: string, i: number) => {
    if (!isNum(x) || !isNum(y)) fail(`${where}point ${i} is not a pair of finite numbers`);
    points.push({ x, y, series });
  };
  if (isObj(data)) {
    // { weights: [...], other: [...] }: one line per named array, x the index.
    for (const [name, ys] of Object.entries(data)) {
      if (!Array.isArray(ys)) fail(`${where}series "${name}" is not an array of numbers`);
      ys.forEach((y, i) => push(i, y, name, i));
    }
  } else if (Array.isArray(data)) {
    data.forEach((d, i) => {
      if (typeof d === 'number') push(i, d, '', i);
      else if (Array.isArray(d) && d.length === 2) push(d[0], d[1], '', i);
      else if (isObj(d)) push(d[xField], d[yField], seriesField ? String(d[seriesField] ?? '') : '', i);
      else fail(`${where}point ${i} should be a number, an [x, y] pair or an object with ${xField} and ${yField}`);
    });
  } else {
    fail(`${where}data must be an array (numbers, [x, y] pairs or objects) or an object of named arrays`);
  }
  if (points.length === 0) fail(`${where}there are no points to draw`);
  if (points.length > MAX_POINTS) fail(`${where}${points.length} points; a chart shows at most ${MAX_POINTS}`);
  return points;
}
