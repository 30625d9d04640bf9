/**
 * The curve's figure without JavaScript: the seeded script's recorded curve of the starting model
 * (robustness.json) with the papers' points, from the same chart function the live widget draws.
 */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { RECORDED } from '../security-shared/robustness';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { accuracyChart } from './charts';
import { PAPER_POINTS } from './papers';
import type { RobustnessParams } from './params';

export function staticFigure(start: RobustnessParams): string {
  const m = RECORDED.models.find((x) => x.name === start.model)!;
  const s = RECORDED.settings;
  const chart = renderStatic((ctx) =>
    accuracyChart(m.points, {
      ...ctx,
      papers: PAPER_POINTS,
      label: `${ZOO_MODEL_LABELS[m.name]}: recorded test accuracy against ε`,
    }),
  );
  return html`<p>
      Recorded by the chapter’s seeded script: the ${ZOO_MODEL_LABELS[m.name]} on the first ${s.count} test digits under
      FGSM, PGD (${s.pgdSteps} steps) and random signs at each ε; the papers’ points (×) beside it.
    </p>
    <div class="chart">${raw(chart)}</div>`.value;
}
