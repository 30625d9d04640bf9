/**
 * The explorer's figure without JavaScript: the starting state at a few steps t, and both schedules'
 * ᾱ_t and log₁₀ SNR curves, computed at build time with the same code the live widget runs.
 */
import { html, raw } from '../../lib/html';
import { renderStatic } from '../../lib/static-figure';
import { scatterChart, scheduleChart } from './charts';
import { computeForward, snapshotSteps, type PointsView } from './compute';
import { SCHEDULE_LABELS, type ForwardParams } from './params';

/**
 * The snapshots are 124 px wide: 250 of the 600 points show the shape just as well there, and every point
 * drawn is markup in the lesson's HTML (two circles, x_0 and x_t, per point per snapshot).
 */
export const SNAPSHOT_POINTS = 250;

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
    return renderStatic((ctx) =>
      scatterChart(thin(view.points), { ...ctx, t, T: view.T, schedule: view.schedule, size: 124, compact: true }),
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
