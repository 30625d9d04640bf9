/**
 * Dense versus sparse without JavaScript: a full run of the default settings recorded by the seeded
 * script (static-run.json), against training FLOPs. Wall-clock time is measured only live.
 */
import { formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { costChart } from './charts';
import type { DenseSparseParams } from './params';
import { compareAt, latest } from './readings';
import recorded from './static-run.json';
import type { DsStaticRun } from './static-run';

export function staticFigure(start: DenseSparseParams): string {
  const run = recorded as unknown as DsStaticRun;
  const s = run.settings;
  const c = run.counts;
  const d = latest(run.points, 'dense')!;
  const m = latest(run.points, 'moe')!;
  const at = compareAt(run.points, 'flops')!;
  const same = JSON.stringify(start) === JSON.stringify(s);
  return html`<p>
      Recorded run of ${same ? 'these' : 'the default'} settings (${s.regimes} regimes; a dense MLP of width
      ${s.topK * s.expertHidden} against ${s.experts} experts of width ${s.expertHidden}, top-${s.topK}; seed
      ${s.seed}): after ${run.steps} steps each, held-out loss ${d.loss.toFixed(3)} (accuracy ${pct(d.accuracy, 1)}) for
      the dense model with ${c.dense.total} parameters, ${m.loss.toFixed(3)} (${pct(m.accuracy, 1)}) for the mixture of
      experts with ${c.moe.total} parameters, ${c.moe.active} of them active per point. A training step costs
      ${c.denseStepFlops.toLocaleString('en')} FLOPs dense and ${c.moeStepFlops.toLocaleString('en')} sparse; at equal
      training FLOPs (${(at.budget / 1e6).toFixed(1)} million) the losses are ${at.dense.toFixed(3)} and
      ${at.moe.toFixed(3)}.
    </p>
    <div class="chart">
      ${raw(renderStatic((ctx) => costChart(run.points, 'flops', { ...ctx, budget: at.budget })))}
    </div>`.value;
}
