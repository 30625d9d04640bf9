/**
 * The explorer's figure without JavaScript: the starting state at a few steps t, and both schedules'
 * ᾱ_t and log₁₀ SNR curves, computed at build time with the same code the live widget runs.
 */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { rasterizeDots } from '../../lib/static-raster';
import { scatterChart, scatterDotLayers, scheduleChart } from './charts';
import { computeForward, snapshotSteps, type PointsView } from './compute';
import { SCHEDULE_LABELS, type ForwardParams } from './params';

/**
 * The snapshots are 124 px wide: 250 of the 600 points show the shape just as well there. They are painted
 * as one image per snapshot (two circles per point would be 2,500 SVG elements in the lesson).
 */
export const SNAPSHOT_POINTS = 250;
const SNAPSHOT_SIZE = 124;

const thin = (p: PointsView): PointsView =>
  p.ok
    ? {
        ...p,
        x0: p.x0.slice(0, SNAPSHOT_POINTS),
        xt: p.xt.slice(0, SNAPSHOT_POINTS),
        labels: p.labels?.slice(0, SNAPSHOT_POINTS) ?? null,
      }
    : p;

export function staticFigure(start: ForwardParams): string {
  const steps = snapshotSteps(start.T);
  const snapshots = steps.map((t) => {
    const view = computeForward({ ...start, t });
    const points = thin(view.points);
    const o = { t, T: view.T, schedule: view.schedule, size: SNAPSHOT_SIZE, compact: true };
    return renderStatic(
      (ctx) => scatterChart(points, { ...ctx, ...o, dots: 'none' }),
      (chart) => rasterizeDots(chart, scatterDotLayers(points, o), { width: SNAPSHOT_SIZE, height: SNAPSHOT_SIZE }),
    );
  });
  const current = computeForward(start);
  const curve = (metric: 'alphaBar' | 'logSnr') =>
    renderStatic((ctx) =>
      scheduleChart(current.curves, current.markers, {
        ...ctx,
        metric,
        schedule: current.schedule,
        t: current.t,
        T: current.T,
      }),
    );
  return html`<p class="chart-label">
      x_t at t = ${steps.join(', ')} of ${start.T}, ${SCHEDULE_LABELS[start.schedule]} schedule (grey: x_0)
    </p>
    <div class="chart-row">${snapshots.map((svg) => html`<div class="chart">${raw(svg)}</div>`)}</div>
    <div class="chart-row">
      <div class="chart">${raw(curve('alphaBar'))}</div>
      <div class="chart">${raw(curve('logSnr'))}</div>
    </div>
    <p>${current.summary}</p>`.value;
}
