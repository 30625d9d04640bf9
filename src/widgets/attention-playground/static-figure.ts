/**
 * The playground's figure without JavaScript: a full run of the starting settings' task, recorded by the
 * seeded script scripts/attention-playground-static.ts with the same training code (static-run.json).
 */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { countCorrect, formatToken } from '../../math/tasks';
import { accuracyChart, attentionHeatmap, attentionLegend, lossChart } from './charts';
import type { PlaygroundParams } from './params';
import recorded from './static-run.json';
import type { StaticRun } from './static-run';

export function staticFigure(start: PlaygroundParams): string {
  const run = (recorded.runs as Record<string, StaticRun>)[start.task];
  const s = recorded.settings;
  const totalSteps = run.steps;
  const tokens = run.tokens.map(formatToken);
  const n = run.expected.length;
  const chart = (svg: string) => html`<div class="chart">${raw(svg)}</div>`;
  const maps = run.attention.map(
    (layer, l) =>
      html`<div>
        <p class="chart-label">Layer ${l + 1}</p>
        <div class="chart-row">
          ${layer.map(
            (head, h) =>
              html`<div>
                <p class="chart-label">Head ${h + 1}</p>
                ${chart(
                  renderStatic((ctx) =>
                    attentionHeatmap(head, tokens, `Layer ${l + 1}, head ${h + 1} attention weight`, ctx),
                  ),
                )}
              </div>`,
          )}
        </div>
      </div>`,
  );
  return html`<p>
      Recorded run of the default settings (${s.layers} layer, ${s.heads} heads, d_model ${s.dModel}, ${s.positional}
      positions, seed ${s.seed}) on the ${start.task} task: after ${totalSteps} steps, held-out token accuracy
      ${Math.round(run.accuracy.at(-1)!.value * 100)}%. For the question
      ${run.tokens.slice(0, n).map(formatToken).join(' ')} the model writes ${run.generated.map(formatToken).join(' ')}
      (${countCorrect(run.generated, run.expected)} of ${n} right).
    </p>
    <div class="chart-row">
      ${chart(renderStatic((ctx) => lossChart(run.loss, run.evalLoss, { ...ctx, totalSteps })))}
      ${chart(renderStatic((ctx) => accuracyChart(run.accuracy, { ...ctx, totalSteps })))}
    </div>
    ${chart(renderStatic((ctx) => attentionLegend(ctx)))} ${maps}`.value;
}
