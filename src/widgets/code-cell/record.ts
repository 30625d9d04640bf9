/**
 * Build-time recording of a lesson's cells (scripts/code-cells-static.ts, and the unit test that checks
 * the committed recording is current): each program run once with the sandbox's own evaluator and
 * bindings, in Node. Not page code: it imports the Worker side.
 */
import type { Tf } from '../../lib/tf-runtime';
import type { BindingSet } from './binding-docs';
import { loadBindings, type ReadFile } from './bindings';
import { captureCompiler, runCell } from './sandbox';
import { cellKey, type RecordedCell } from './static-figure';

export interface LessonCell {
  /** Where the code is, e.g. "transformers/cells.ts#attention". */
  source: string;
  code: string;
  sets: readonly BindingSet[];
}

/** The recorded outputs, keyed as static-figure.ts looks them up. */
export async function recordCells(
  tf: Tf,
  cells: readonly LessonCell[],
  readFile: ReadFile,
): Promise<Record<string, RecordedCell>> {
  const compile = captureCompiler();
  const out: Record<string, RecordedCell> = {};
  for (const cell of cells) {
    const sets = [...cell.sets];
    const bindings = await loadBindings(tf, sets, readFile);
    const result = await runCell({ tf, code: cell.code, bindings, compile });
    out[cellKey(cell.code, sets)] = { source: cell.source, sets, outputs: result.outputs, ok: result.ok };
  }
  return out;
}
