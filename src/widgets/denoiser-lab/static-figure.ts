/**
 * The lab's figure without JavaScript: a seeded sampling run of the pre-trained moons model, recorded
 * by scripts/denoiser-lab-pretrain.ts with the same code (static-run.json), and the quality curve of its
 * pre-training.
 */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { rasterizeDots } from '../../lib/static-raster';
import { planeDotLayers, qualityChart, samplesChart } from './charts';
import { THRESHOLD_FRACTION } from './constants';
import recorded from './static-run.json';
import type { StaticRun } from './static-run';

export function staticFigure(): string {
  // JSON imports type [x, y] pairs as number[]: the script wrote them from Vec2s.
  const run = recorded as unknown as StaticRun;
  const s = run.settings;
  const q = run.quality;
  const data = run.data.flat();
  const fmt = (x: number) => x.toFixed(3);
  // Each frame's points painted as one image: 400 data points and the samples would be ~800 SVG circles.
  const size = 170;
  const frames = run.frames.map((f) => {
    const points = f.points.flat();
    const label = `Sampling step ${f.step} of ${s.steps} (t = ${f.t}): samples in blue over the data in grey`;
    const svg = renderStatic(
      (ctx) => samplesChart(data, points, { ...ctx, size, label, dots: 'none' }),
      (chart) => rasterizeDots(chart, planeDotLayers(data, points), { width: size, height: size, clipToPlot: true }),
    );
    return html`<div>
      <p class="chart-label">t = ${f.t} (step ${f.step})</p>
      <div class="chart">${raw(svg)}</div>
    </div>`;
  });
  const quality = renderStatic((ctx) =>
    qualityChart(run.trainingQuality, [], {
      ...ctx,
      totalSteps: run.trainingSteps,
      baseline: q.baseline,
      threshold: THRESHOLD_FRACTION * q.baseline,
    }),
  );
  return html`<p>
      Recorded run of the pre-trained ${s.dataset} model (${s.schedule} schedule, T = ${s.T}, ${run.trainingSteps}
      training steps, seed ${s.seed}): ${s.samples} points sampled with DDIM in ${s.steps} steps score a sliced
      Wasserstein distance of ${fmt(q.sw)} to fresh data, against ${fmt(q.baseline)} for untouched noise and
      ${fmt(q.floor)} for a second sample of the data itself. Frames from noise (t = ${s.T}) to samples (t = 0),
      ${run.data.length} of the points shown:
    </p>
    <div class="chart-row">${frames}</div>
    <p class="chart-label">Sample quality during pre-training (quick checks every 250 steps)</p>
    <div class="chart">${raw(quality)}</div>`.value;
}
