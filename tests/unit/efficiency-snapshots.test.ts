/**
 * Snapshots of the quantization lab's charts, its aria-live sentence and its static figure, on the
 * committed table's numbers (scripts/efficiency-quantization.ts), in the style of
 * tests/unit/snapshots.test.ts. Regenerate on purpose with `npx vitest run tests/unit/efficiency-snapshots.test.ts --update`.
 */
import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../src/lib/params';
import type { ChartContext } from '../../src/lib/plot';
import { renderStatic } from '../../src/lib/static-figure';
import * as charts from '../../src/widgets/quantization-lab/charts';
import { INITIAL_STATE, type QuantLabState } from '../../src/widgets/quantization-lab/controller';
import { params } from '../../src/widgets/quantization-lab/params';
import type { QuantizeResult } from '../../src/widgets/quantization-lab/protocol';
import { quantizeRequest } from '../../src/widgets/quantization-lab/QuantizationLabView';
import { readQuantTable, staticFigure, staticRows } from '../../src/widgets/quantization-lab/static-figure';
import { describeQuantLab } from '../../src/widgets/quantization-lab/summary';

const svg = (make: (ctx: Required<ChartContext>) => Element) => renderStatic(make);
const file = (name: string) => `./__snapshots__/charts/${name}.svg`;
const table = readQuantTable();
const start = defaultValues(params);
const rows = staticRows(start, table).rows;

describe('quantization lab charts', () => {
  it('sweep, histogram with its grid, error histogram', async () => {
    await expect(
      svg((ctx) => charts.sweepChart(rows, { ...ctx, floatAccuracy: 0.9805, chosen: 4 })),
    ).toMatchFileSnapshot(file('quant-sweep'));
    await expect(svg((ctx) => charts.histogramChart(table.histogram, ctx))).toMatchFileSnapshot(
      file('quant-histogram'),
    );
    await expect(
      svg((ctx) => charts.errorChart(table.histogram.errorCounts, table.histogram.maxError, ctx)),
    ).toMatchFileSnapshot(file('quant-error'));
  });

  it('the static figure says what was recorded, from the table', async () => {
    const markup = staticFigure(start, table);
    expect(markup).toContain('95.80%');
    expect(markup).toContain('53,376');
    // A clipping the table lacks for this model falls back to min-max, and says so.
    const fallback = staticRows({ ...start, model: 'mlp', clipping: 'p99' }, table);
    expect(fallback.clipping).toBe('minmax');
    expect(staticFigure({ ...start, model: 'mlp', clipping: 'p99' }, table)).toContain('min-max');
    expect(markup.match(/<svg/g)).toHaveLength(2);
    // Five bit widths, one row each, plus the header row.
    expect(markup.match(/<tr>/g)).toHaveLength(6);
  });
});

describe('quantization lab summary', () => {
  it('loading, running and a result', () => {
    const base = { ...INITIAL_STATE, error: null, backend: 'wasm' as const };
    expect(describeQuantLab({ ...base, backend: null })).toBe('Loading the model…');
    const request = quantizeRequest(start);
    const running: QuantLabState = {
      ...INITIAL_STATE,
      request,
      phase: 'running',
      rows: rows.slice(0, 2).map((r) => ({ ...r })),
    };
    expect(describeQuantLab({ ...running, error: null, backend: 'wasm' })).toBe(
      'Quantizing CNN: 2 of 5 bit widths scored.',
    );
    const row = rows.find((r) => r.bits === 4)!;
    const result = {
      request,
      float: { bytes: 423464, accuracy: 0.9805, correct: 1961 },
      count: 2000,
      accuracy: row.accuracy,
      correct: row.correct,
      summary: { bytes: row.bytes, maxError: row.maxError },
      latency: { batch: 100, floatMs: 12.34, quantizedMs: 12.5 },
    } as unknown as QuantizeResult;
    expect(describeQuantLab({ ...base, phase: 'done', result })).toBe(
      'CNN, 4-bit symmetric, per tensor, min-max range: 53 kB instead of 423 kB, test accuracy 95.80% (1,916 of 2,000; float32 98.05%), largest weight error 0.11. 100 digits take 12.5 ms quantized and 12.3 ms in float32 on wasm.',
    );
    expect(describeQuantLab({ ...base, error: 'boom' })).toBe('Error: boom');
  });
});

describe('quantization lab controller', () => {
  it('sends one run per request, drops the rows of a replaced one, and reports its status', async () => {
    const { QuantLabController } = await import('../../src/widgets/quantization-lab/controller');
    const sent: Record<string, unknown>[] = [];
    const port = {
      postMessage: (m: unknown) => sent.push(m as Record<string, unknown>),
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null,
      onmessageerror: null,
      terminate() {},
    };
    const emit = (data: unknown) => port.onmessage!({ data } as MessageEvent);
    const c = new QuantLabController({ backends: ['wasm'], baseUrl: '/' }, () => port);
    expect(c.status).toBe('loading');
    emit({ type: 'backend', backend: 'wasm', fallbacks: [] });
    const request = quantizeRequest(start);
    c.quantize(request);
    c.quantize({ ...request, scheme: { ...request.scheme, bits: 3 } });
    expect(sent.filter((m) => m.type === 'quantize').map((m) => m.run)).toEqual([1, 2]);
    const row = { bits: 8, bytes: 1, accuracy: 0.9, correct: 1800, maxError: 0.1, meanError: 0.01 };
    emit({ type: 'sweep-row', run: 1, request, row });
    expect(c.state.rows).toEqual([]);
    emit({ type: 'sweep-row', run: 2, request, row });
    emit({ type: 'sweep-row', run: 2, request, row: { ...row, bits: 6 } });
    expect(c.state.rows.map((r) => r.bits)).toEqual([8, 6]);
    expect(c.status).toBe('loading');
    emit({ type: 'quantized', run: 2, result: { request } });
    expect(c.status).toBe('ready');
    c.quantize(request);
    expect(c.status).toBe('running');
    emit({ type: 'error', message: 'bad', run: 3 });
    expect(c.status).toBe('error');
  });
});
