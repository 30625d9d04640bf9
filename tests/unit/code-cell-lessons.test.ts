/**
 * The lessons' code cells: the committed static recording (static-outputs.json) is what their code
 * prints now, and what the lessons' exercises say each solution shows is what it shows, run with the
 * sandbox's own evaluator and bindings in Node.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/ml/tf';
import type { Tf } from '../../src/lib/tf-runtime';
import { decodeCode } from '../../src/lib/notebook/codec';
import { recordCells } from '../../src/widgets/code-cell/record';
import { cellKey } from '../../src/widgets/code-cell/static-figure';
import recorded from '../../src/widgets/code-cell/static-outputs.json';
import type { OutputItem } from '../../src/widgets/code-cell/output';
import type { BindingSet } from '../../src/widgets/code-cell/binding-docs';
import { LESSON_CELLS } from '../../scripts/code-cells-lessons';
import * as transformers from '../../content/lessons/transformers/cells';
import * as diffusion from '../../content/lessons/diffusion/cells';
import * as moe from '../../content/lessons/mixture-of-experts/cells';

const readPublic = async (path: string) => new Uint8Array(await readFile(join(process.cwd(), 'public', path)));

async function outputsOf(code: string, sets: readonly string[]): Promise<OutputItem[]> {
  const r = await recordCells(tf as unknown as Tf, [{ source: 'test', code, sets: sets as BindingSet[] }], readPublic);
  const cell = Object.values(r)[0];
  expect(cell.ok, JSON.stringify(cell.outputs)).toBe(true);
  return cell.outputs;
}
const plots = (o: OutputItem[]) => o.filter((i): i is Extract<OutputItem, { kind: 'plot' }> => i.kind === 'plot');
const texts = (o: OutputItem[]) => o.flatMap((i) => (i.kind === 'text' ? [i.text] : []));

describe('the lessons’ cells', () => {
  it('every cell runs, and the committed recording matches what its code prints now (npm run static:cells)', async () => {
    const fresh = await recordCells(tf as unknown as Tf, LESSON_CELLS, readPublic);
    for (const cell of LESSON_CELLS) {
      const key = cellKey(cell.code, cell.sets);
      expect(fresh[key].ok, cell.source).toBe(true);
      const saved = (recorded as Record<string, { outputs: OutputItem[] }>)[key];
      expect(saved, `${cell.source} is not recorded`).toBeDefined();
      // Same items and text; chart numbers to 4 decimals (cpu here, wasm in the recording).
      expect(JSON.stringify(saved.outputs.map((o) => o.kind))).toBe(
        JSON.stringify(fresh[key].outputs.map((o) => o.kind)),
      );
      expect(texts(saved.outputs)).toEqual(texts(fresh[key].outputs));
    }
  });

  it('each exercise link decodes to its solution', () => {
    for (const [states, solutions] of [
      [transformers.solutionStates, transformers.solutions],
      [diffusion.solutionStates, diffusion.solutions],
      [moe.solutionStates, moe.solutions],
    ] as const) {
      for (const [name, state] of Object.entries(states)) {
        const decoded = decodeCode(state.split('=')[1]);
        expect(decoded).toEqual({ ok: true, code: (solutions as Record<string, string>)[name] });
      }
    }
  });
});

const matrixOf = async (code: string, sets: readonly string[]) => plots(await outputsOf(code, sets))[0].matrix;
const series = (item: Extract<OutputItem, { kind: 'plot' }>, name: string) =>
  new Map(item.points.filter((p) => p.series === name).map((p) => [p.x, p.y]));

describe('claims: the transformers lesson’s cells', () => {
  const { cells, solutions, cellBindings } = transformers;

  it('attention: query 0 made ten times longer puts about half its weight on each of keys 0 and 3', async () => {
    const before = (await matrixOf(cells.attention, cellBindings.attention))[0];
    const after = (await matrixOf(solutions.attention, cellBindings.attention))[0];
    expect(before[0]).toBeCloseTo(0.37, 2);
    expect(before[3]).toBeCloseTo(0.37, 2);
    expect(after[0]).toBeCloseTo(0.5, 2);
    expect(after[3]).toBeCloseTo(0.5, 2);
    expect(after[1] + after[2]).toBeLessThan(0.001);
  });

  it('causal: the mask zeroes the weights above the diagonal; without it only the last row stays the same', async () => {
    const masked = await matrixOf(cells.tfAttention, cellBindings.tfAttention);
    const open = await matrixOf(solutions.tfAttention, cellBindings.tfAttention);
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(masked[i][j]).toBeLessThan(1e-6);
    expect(masked[0][0]).toBeCloseTo(1, 5);
    for (let i = 0; i < 3; i++) expect(Math.max(...open[i].slice(i + 1))).toBeGreaterThan(0.05);
    for (let j = 0; j < 4; j++) expect(open[3][j]).toBeCloseTo(masked[3][j], 5);
  });
});

describe('claims: the diffusion lesson’s cells', () => {
  const { cells, solutions, cellBindings } = diffusion;

  it('noise a digit: the pixels’ mean goes from −0.69 to about 0 and their variance from 0.43 to 0.97; cosine keeps more signal at t = 250', async () => {
    const linear = await outputsOf(cells.noiseDigit, cellBindings.noiseDigit);
    const cosine = await outputsOf(solutions.noiseDigit, cellBindings.noiseDigit);
    expect(texts(linear)[0]).toContain('[0.524085, 0.0785872, 0.0000403583]');
    expect(texts(cosine)[0]).toContain('0.847012, 0.493844');
    const [lin, cos] = [plots(linear)[0], plots(cosine)[0]];
    const mean = series(lin, 'mean of x_t');
    const variance = series(lin, 'variance of x_t');
    expect(mean.get(0)).toBeCloseTo(-0.69, 2);
    expect(variance.get(0)).toBeCloseTo(0.43, 2);
    expect(Math.abs(mean.get(1000)!)).toBeLessThan(0.03);
    expect(variance.get(1000)).toBeCloseTo(0.97, 2);
    expect(mean.get(250)).toBeCloseTo(-0.48, 2);
    expect(series(cos, 'mean of x_t').get(250)).toBeCloseTo(-0.63, 2);
  });

  it('point moments: measured within 0.06 of the closed form; the closed form is within 0.015 of 1 from t = 600 (linear) but only from t = 900 (cosine)', async () => {
    for (const [code, from] of [
      [cells.pointMoments, 900],
      [solutions.pointMoments, 600],
    ] as const) {
      const chart = plots(await outputsOf(code, cellBindings.pointMoments))[0];
      const measured = series(chart, 'measured');
      const closed = series(chart, 'closed form');
      for (const [t, v] of closed) {
        expect(Math.abs(measured.get(t)! - v)).toBeLessThan(0.06);
        if (t >= from) expect(Math.abs(v - 1)).toBeLessThan(0.015);
        else expect(Math.abs(v - 1)).toBeGreaterThan(0.015);
      }
    }
  });
});

/** The numbers of the run's tables (1-D tensors print as one row), in order. */
const tableRows = (o: OutputItem[]) =>
  o.flatMap((i) => (i.kind === 'table' ? [i.rows.flatMap((r) => r.cells.map(Number))] : []));

describe('claims: the mixture-of-experts lesson’s cells', () => {
  const { cells, solutions, cellBindings } = moe;
  const close = (got: number[], want: number[], digits: number) =>
    want.forEach((w, i) => expect(got[i], `entry ${i}`).toBeCloseTo(w, digits));

  it('route: logits ×10 keep the counts (55, 72, 74, 55) and move P from (0.250, 0.267, 0.249, 0.234) to (0.217, 0.283, 0.284, 0.216)', async () => {
    const before = await outputsOf(cells.routeTokens, cellBindings.routeTokens);
    const after = await outputsOf(solutions.routeTokens, cellBindings.routeTokens);
    for (const o of [before, after]) {
      expect(texts(o).slice(0, 2)).toEqual([
        'assignments per expert: [55, 72, 74, 55]',
        'f = assignments / (k T): [0.214844, 0.28125, 0.289063, 0.214844]',
      ]);
    }
    close(tableRows(before)[0], [0.25, 0.267, 0.249, 0.234], 3);
    close(tableRows(after)[0], [0.217, 0.283, 0.284, 0.216], 3);
  });

  it('balance: an even router costs α·1.00 = 0.0100; a bias of 3 on expert 0 gives f₀ = 95.7%, P₀ = 0.78, 0.0301, and a gradient of +0.0054 for it and about −0.0018 for each other', async () => {
    const even = await outputsOf(cells.balanceLoss, cellBindings.balanceLoss);
    const tilted = await outputsOf(solutions.balanceLoss, cellBindings.balanceLoss);
    const [f, , gradEven] = tableRows(even);
    close(f, [0.238, 0.262, 0.25, 0.25], 3);
    expect(texts(even)).toContain('α N Σ f P = 0.01001   α · balanceLoss(f, P) = 0.01001');
    expect(gradEven.every((g) => Math.abs(g) < 2e-4)).toBe(true);
    const [ft, Pt, grad] = tableRows(tilted);
    expect(ft[0]).toBeCloseTo(0.957, 3);
    expect(Pt[0]).toBeCloseTo(0.78, 2);
    expect(texts(tilted)).toContain('α N Σ f P = 0.03010   α · balanceLoss(f, P) = 0.03010');
    expect(grad[0]).toBeCloseTo(0.0054, 4);
    for (const g of grad.slice(1)) expect(g).toBeCloseTo(-0.0018, 3);
  });
});
