/**
 * Pure chart functions of the explorer: the zoo's shared charts (confusion matrix, accuracy per class,
 * class probabilities) and the live-training curves. Plain arrays in, Elements out.
 */
import {
  accessiblePlot,
  CATEGORY_COLORS,
  logLossScale,
  Plot,
  trainingCurveFrame,
  type StepPoint,
  type TrainingCurveOptions,
} from '../../lib/plot';
import { ZOO_SIZES } from '../zoo-shared/charts';

export { confusionChart, perClassChart, probabilityChart } from '../zoo-shared/charts';

/** Chart sizes in pixels, in one place (the curves share src/lib/plot.ts's CURVE_SIZE). */
export const SIZES = ZOO_SIZES;

/** Cross-entropy of each training batch (thin) and of the held-out digits (thick), on a log axis. */
export function trainingLossChart(batch: readonly StepPoint[], heldOut: readonly StepPoint[], o: TrainingCurveOptions) {
  const positive = (p: StepPoint) => p.value > 0 && Number.isFinite(p.value);
  return accessiblePlot(
    {
      ...trainingCurveFrame(o, 44),
      y: logLossScale(
        [...batch, ...heldOut].map((p) => p.value),
        '↑ cross-entropy (nats, log scale)',
      ),
      color: {
        domain: ['training batch', 'validation digits'],
        range: [CATEGORY_COLORS[4], CATEGORY_COLORS[0]],
        legend: true,
      },
      marks: [
        Plot.line(batch.filter(positive), {
          x: 'step',
          y: 'value',
          stroke: () => 'training batch',
          strokeWidth: 1,
          strokeOpacity: 0.7,
        }),
        Plot.line(heldOut.filter(positive), {
          x: 'step',
          y: 'value',
          stroke: () => 'validation digits',
          strokeWidth: 2.5,
        }),
        Plot.dot(heldOut.filter(positive).slice(-1), { x: 'step', y: 'value', fill: CATEGORY_COLORS[0], r: 3 }),
      ],
    },
    'Loss by training step',
  );
}

/**
 * Accuracy of each training batch (thin) and on the 1,000 validation digits (thick), with the
 * shipped model's test accuracy as a dashed line to aim at.
 */
export function trainingAccuracyChart(
  batch: readonly StepPoint[],
  heldOut: readonly StepPoint[],
  o: TrainingCurveOptions & { target?: number | null },
) {
  return accessiblePlot(
    {
      ...trainingCurveFrame(o, 44),
      y: { domain: [0, 100], label: '↑ accuracy (%)', percent: true, grid: true },
      color: {
        domain: ['training batch', 'validation digits'],
        range: [CATEGORY_COLORS[4], CATEGORY_COLORS[2]],
        legend: true,
      },
      marks: [
        ...(o.target != null ? [Plot.ruleY([o.target], { stroke: CATEGORY_COLORS[1], strokeDasharray: '4,3' })] : []),
        Plot.line(batch, { x: 'step', y: 'value', stroke: () => 'training batch', strokeWidth: 1, strokeOpacity: 0.6 }),
        Plot.line(heldOut, { x: 'step', y: 'value', stroke: () => 'validation digits', strokeWidth: 2.5 }),
        Plot.dot(heldOut.slice(-1), { x: 'step', y: 'value', fill: CATEGORY_COLORS[2], r: 3 }),
      ],
    },
    'Accuracy by training step',
  );
}
