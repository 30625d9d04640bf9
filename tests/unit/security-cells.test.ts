/**
 * The security lesson's code cells (content/lessons/security/cells.ts): the exercise's link opens its
 * solution, and what the lesson says the cells print is what they print, run with the sandbox's own
 * evaluator and bindings in Node (the recording itself is checked by code-cell-lessons.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tf } from '../../src/lib/tf-runtime';
import { decodeCode } from '../../src/lib/notebook/codec';
import { tf } from '../../src/ml/tf';
import type { BindingSet } from '../../src/widgets/code-cell/binding-docs';
import type { OutputItem } from '../../src/widgets/code-cell/output';
import { recordCells } from '../../src/widgets/code-cell/record';
import { cellBindings, cells, solutions, solutionStates } from '../../content/lessons/security/cells';
import { useCpu, useWasm } from './claims/helpers';

beforeAll(useWasm);
afterAll(useCpu);

const readPublic = async (path: string) => new Uint8Array(await readFile(join(process.cwd(), 'public', path)));

async function texts(code: string, sets: readonly string[]): Promise<string[]> {
  const r = await recordCells(tf as unknown as Tf, [{ source: 'test', code, sets: sets as BindingSet[] }], readPublic);
  const cell = Object.values(r)[0];
  expect(cell.ok, JSON.stringify(cell.outputs)).toBe(true);
  return cell.outputs.flatMap((o: OutputItem) => (o.kind === 'text' ? [o.text] : []));
}

describe('the security lesson’s cells', () => {
  it('the exercise link decodes to its solution', () => {
    for (const [name, state] of Object.entries(solutionStates)) {
      expect(decodeCode(state.split('=')[1])).toEqual({ ok: true, code: (solutions as Record<string, string>)[name] });
    }
  });

  it('FGSM at ε = 0.1 turns the 3 (98.9%) into an 8 (98.5%); at 0.25 the 8 is certain and every pixel moved by 0.25', async () => {
    expect(await texts(cells.fgsm, cellBindings.fgsm)).toEqual([
      'training accuracy: 100.0%',
      'before: class 3 with probability 0.989',
      'after:  class 8 with probability 0.985 (class 3: 0.011)',
      'largest pixel change: 0.100',
    ]);
    expect(await texts(solutions.fgsm, cellBindings.fgsm)).toEqual([
      'training accuracy: 100.0%',
      'before: class 3 with probability 0.989',
      'after:  class 8 with probability 1.000 (class 3: 0.000)',
      'largest pixel change: 0.250',
    ]);
  });

  it('the linearity cell: ‖w₃‖₁ / ‖w₃‖₂ = 21.2, and at ε = 0.1 FGSM leaves 13.4% right where random signs leave 99.8%', async () => {
    expect(await texts(cells.linearity, cellBindings.linearity)).toEqual([
      '‖w₃‖₁ = 136.0  ‖w₃‖₂ = 6.4  ratio 21.2 (√784 = 28)',
      'at ε = 0.1: FGSM leaves 13.4% right, random signs 99.8%',
    ]);
  });
});
