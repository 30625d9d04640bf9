/**
 * The router lab's figure without JavaScript: a full run of the default settings, recorded by the seeded
 * script ./record.ts with the same training code (static-run.json).
 */
import { formatPercent as pct } from '../../lib/format';
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { labCvChart, labLoadBars, labLossChart, labMapChart, labShareChart } from './charts';
import type { RouterLabParams } from './params';
import recorded from './static-run.json';
import type { LabRecord } from './static-run';

export function staticFigure(start: RouterLabParams): string {
  const run = (recorded as unknown as LabRecord).run;
  const s = run.settings;
  const e = run.final;
  const N = e.f.length;
  const totalSteps = run.steps;
  const same = JSON.stringify(start) === JSON.stringify(s);
  const chart = (svg: string) => html`<div class="chart">${raw(svg)}</div>`;
  return html`<p>
      Recorded run of ${same ? 'these' : 'the default'} settings (${s.regimes} regimes, ${s.experts} experts,
      top-${s.topK}, α = ${s.alpha}, capacity factor ${s.capacityFactor}, seed ${s.seed}): after ${totalSteps} steps,
      held-out accuracy ${pct(e.accuracy, 1)}; expert loads f = ${e.f.map((x) => pct(x)).join(', ')} (CV
      ${e.cv.toFixed(2)}, ${e.activeExperts} of ${N} experts in use); router entropy ${e.entropy.toFixed(2)} nats;
      ${pct(e.dropped, 1)} of assignments dropped with ${run.capacity} slots per expert; regime purity ${pct(e.purity)}.
    </p>
    <div class="chart-row">
      ${chart(renderStatic((ctx) => labMapChart(run.map.expert, run.map.res, Number(s.regimes), ctx)))}
      ${chart(renderStatic((ctx) => labLoadBars(e.f, e.P, ctx)))}
    </div>
    <div class="chart-row">
      ${chart(renderStatic((ctx) => labLossChart(run.loss, run.evalLoss, { ...ctx, totalSteps })))}
      ${chart(renderStatic((ctx) => labShareChart(run.accuracy, run.dropped, { ...ctx, totalSteps })))}
      ${chart(renderStatic((ctx) => labCvChart(run.cv, { ...ctx, totalSteps })))}
    </div>`.value;
}
