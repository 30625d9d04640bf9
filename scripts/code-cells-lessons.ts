/**
 * Every lesson's code cells, as their lessons start them: what scripts/code-cells-static.ts records and
 * tests/unit/code-cell-lessons.test.ts checks. A lesson that adds cells adds its cells.ts here.
 */
import type { LessonCell } from '../src/widgets/code-cell/record';
import * as diffusion from '../content/lessons/diffusion/cells';
import * as moe from '../content/lessons/mixture-of-experts/cells';
import * as security from '../content/lessons/security/cells';
import * as evaluation from '../content/lessons/evaluation/cells';
import * as efficiency from '../content/lessons/efficiency/cells';
import * as transformers from '../content/lessons/transformers/cells';

function lesson(
  slug: string,
  m: { cells: Record<string, string>; cellBindings: Record<string, readonly string[]> },
): LessonCell[] {
  return Object.entries(m.cells).map(([name, code]) => ({
    source: `content/lessons/${slug}/cells.ts#${name}`,
    code,
    sets: m.cellBindings[name] as LessonCell['sets'],
  }));
}

export const LESSON_CELLS: LessonCell[] = [
  ...lesson('transformers', transformers),
  ...lesson('diffusion', diffusion),
  ...lesson('mixture-of-experts', moe),
  ...lesson('security', security),
  ...lesson('evaluation', evaluation),
  ...lesson('efficiency', efficiency),
];
