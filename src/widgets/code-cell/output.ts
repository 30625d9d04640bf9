/**
 * What a cell's run shows, as plain data that crosses from the sandbox Worker to the page by structured
 * clone (and is recorded, for the static figure, by scripts/code-cells-static.ts): printed lines,
 * tables (tensors and matrices), charts from the returned value, and errors with their line in the
 * reader's code. Pure and tfjs-free: the sandbox turns tensors into tables here through a small
 * interface, so page code can import the types and the formatting rules.
 */

/** One chart the code returned: `return { plot: { type, data, ... } }` (see plot-spec.ts). */
export interface PlotItem {
  kind: 'plot';
  type: 'line' | 'dot' | 'cell';
  title: string;
  xLabel: string;
  yLabel: string;
  /** line and dot: the points, each with its series name ('' when there is one series). */
  points: { x: number; y: number; series: string }[];
  /** cell: the matrix, row 0 at the top. */
  matrix: number[][];
}

export type OutputItem =
  | { kind: 'text'; text: string; stream: 'log' | 'warn' | 'error' }
  | {
      kind: 'table';
      /** e.g. "Tensor float32 [2, 3]". */
      caption: string;
      columns: string[];
      /** Row headers, then cells, already formatted. */
      rows: { header: string; cells: string[] }[];
      /** Set when rows or columns were left out. */
      note?: string;
    }
  | PlotItem
  | { kind: 'returned'; text: string }
  | { kind: 'error'; name: string; message: string; line: number | null; column: number | null };

export interface MemoryReport {
  /** tf.memory() at the run's end, before its tensors were disposed: what the run held. */
  heldTensors: number;
  heldBytes: number;
  /** Tensors the run created and that were disposed after it. */
  disposedTensors: number;
  /** tf.memory() once the run was cleaned up (equal to before the run, or something leaked). */
  afterTensors: number;
  afterBytes: number;
  /** Tensors left over that the run made (tf.keep); 0 normally. */
  leaked: number;
}

export interface RunResult {
  ok: boolean;
  outputs: OutputItem[];
  /** Wall time of the reader's code, in ms (from the call to its last await). */
  durationMs: number;
  memory: MemoryReport;
  /** The sandbox asks to be replaced by a fresh Worker (it ran out of memory, or tfjs no longer works). */
  restart: boolean;
  /** Output was cut at the limits below. */
  truncated: boolean;
}

/** Output limits per run: a loop that prints forever must not flood the page. */
export const OUTPUT_LIMITS = {
  items: 200,
  textChars: 50_000,
  tableRows: 40,
  tableColumns: 16,
  arrayItems: 60,
  depth: 3,
} as const;

/** Numbers as the cell prints them: integers whole, others to 6 significant digits (float noise trimmed). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}

/** A tensor as the output sees it: enough of tfjs's Tensor, without importing tfjs. */
export interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  dataSync(): ArrayLike<number | string | boolean> | Uint8Array[];
}

export interface FormatContext {
  isTensor(value: unknown): value is TensorLike;
}

function isNumberMatrix(value: unknown): value is number[][] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (row) => Array.isArray(row) && row.length === value[0].length && row.every((v) => typeof v === 'number'),
    ) &&
    (value[0] as unknown[]).length > 0
  );
}

/** A one-line rendering of any value, bounded in depth and length. */
export function formatValue(value: unknown, ctx: FormatContext, depth = 0, seen = new Set<unknown>()): string {
  const max = OUTPUT_LIMITS.arrayItems;
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `[function ${value.name || '(anonymous)'}]`;
  if (ctx.isTensor(value)) return tensorSummary(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (seen.has(value)) return '[circular]';
  if (depth >= OUTPUT_LIMITS.depth) return Array.isArray(value) ? '[…]' : '{…}';
  seen.add(value);
  try {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const items = Array.from(value as unknown as ArrayLike<number>);
      const shown = items.slice(0, max).map((v) => formatValue(v, ctx, depth + 1, seen));
      return `${value.constructor.name}(${items.length}) [${shown.join(', ')}${items.length > max ? ', …' : ''}]`;
    }
    if (Array.isArray(value)) {
      const shown = value.slice(0, max).map((v) => formatValue(v, ctx, depth + 1, seen));
      return `[${shown.join(', ')}${value.length > max ? `, … ${value.length - max} more` : ''}]`;
    }
    if (value instanceof Map) {
      const entries = [...value]
        .slice(0, max)
        .map(([k, v]) => `${formatValue(k, ctx, depth + 1, seen)} => ${formatValue(v, ctx, depth + 1, seen)}`);
      return `Map(${value.size}) {${entries.join(', ')}}`;
    }
    if (value instanceof Set) {
      return `Set(${value.size}) {${[...value]
        .slice(0, max)
        .map((v) => formatValue(v, ctx, depth + 1, seen))
        .join(', ')}}`;
    }
    const entries = Object.entries(value as object).slice(0, max);
    const body = entries.map(
      ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatValue(v, ctx, depth + 1, seen)}`,
    );
    return body.length ? `{ ${body.join(', ')} }` : '{}';
  } finally {
    seen.delete(value);
  }
}

function tensorSummary(t: TensorLike): string {
  return `Tensor ${t.dtype} ${t.shape.length === 0 ? 'scalar' : `[${t.shape.join(', ')}]`}`;
}

function cell(v: unknown): string {
  return typeof v === 'number' ? formatNumber(v) : String(v);
}

/** "14.4 GB", "512 MB", "3.1 kB", "0 B": decimal units, in the memory note and the memory limit alike. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(bytes / size).toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`;
  }
  return `${bytes} B`;
}

/** A tensor as a table: rank 1 as one row, rank 2 as rows × columns, higher ranks with index tuples as rows. */
export function tensorTable(
  t: TensorLike,
): Extract<OutputItem, { kind: 'table' }> | Extract<OutputItem, { kind: 'text' }> {
  const caption = tensorSummary(t);
  const values = t.dtype === 'string' ? [] : Array.from(t.dataSync() as ArrayLike<number>);
  if (t.shape.length === 0) return { kind: 'text', text: `${caption}: ${cell(values[0])}`, stream: 'log' };
  const cols = t.shape[t.shape.length - 1];
  const lead = t.shape.slice(0, -1);
  const rowCount = lead.reduce((a, b) => a * b, 1);
  const rows: number[][] = [];
  for (let r = 0; r < Math.min(rowCount, OUTPUT_LIMITS.tableRows); r++)
    rows.push(values.slice(r * cols, (r + 1) * cols));
  const header = (r: number) => {
    // A header cell may not be empty (axe: empty-table-header): a 1-D tensor's one row is its values.
    if (lead.length === 0) return 'values';
    const idx: number[] = [];
    let rest = r;
    for (let k = lead.length - 1; k >= 0; k--) {
      idx.unshift(rest % lead[k]);
      rest = Math.floor(rest / lead[k]);
    }
    return lead.length === 1 ? String(idx[0]) : `[${idx.join(', ')}]`;
  };
  return matrixTable(rows, caption, header, rowCount, cols);
}

/**
 * The accessible name of the n-th table (from 1) of a cell's output: landmarks need distinct names on
 * the page (axe: landmark-unique), and two cells, or two prints in one, often show tensors of one shape.
 */
export function tableLabel(caption: string, n: number, cell: string): string {
  return `${caption}, table ${n} of the output of ${cell}`;
}

/** A plain number matrix as a table. */
export function arrayTable(m: number[][], caption: string): Extract<OutputItem, { kind: 'table' }> {
  return matrixTable(m.slice(0, OUTPUT_LIMITS.tableRows), caption, (r) => String(r), m.length, m[0].length);
}

function matrixTable(
  rows: number[][],
  caption: string,
  header: (r: number) => string,
  totalRows: number,
  totalCols: number,
): Extract<OutputItem, { kind: 'table' }> {
  const shownCols = Math.min(totalCols, OUTPUT_LIMITS.tableColumns);
  const cut: string[] = [];
  if (totalRows > rows.length) cut.push(`first ${rows.length} of ${totalRows} rows`);
  if (totalCols > shownCols) cut.push(`first ${shownCols} of ${totalCols} columns`);
  return {
    kind: 'table',
    caption,
    columns: Array.from({ length: shownCols }, (_, j) => String(j)),
    rows: rows.map((row, r) => ({ header: header(r), cells: row.slice(0, shownCols).map(cell) })),
    note: cut.length ? `Showing the ${cut.join(' and the ')}.` : undefined,
  };
}

/**
 * One print(...) call as output items: the arguments joined on one line, except tensors and number
 * matrices, which become tables of their own (with the text before them as their caption's lead).
 */
export function printItems(
  args: unknown[],
  ctx: FormatContext,
  stream: 'log' | 'warn' | 'error' = 'log',
): OutputItem[] {
  const out: OutputItem[] = [];
  let line: string[] = [];
  const flush = () => {
    if (line.length) out.push({ kind: 'text', text: line.join(' '), stream });
    line = [];
  };
  for (const arg of args) {
    if (ctx.isTensor(arg) && arg.shape.length > 0 && arg.dtype !== 'string') {
      flush();
      out.push(tensorTable(arg));
    } else if (ctx.isTensor(arg)) {
      const item = tensorTable(arg);
      line.push(item.kind === 'text' ? item.text : tensorSummary(arg));
    } else if (isNumberMatrix(arg)) {
      flush();
      out.push(arrayTable(arg, `Array ${arg.length} × ${arg[0].length}`));
    } else {
      line.push(formatValue(arg, ctx));
    }
  }
  flush();
  return out;
}
