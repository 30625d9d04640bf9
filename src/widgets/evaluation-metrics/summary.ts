/** The metrics lab's one-sentence result for the aria-live region, from plain state. */
import { formatCount, formatPercent as pct } from '../../lib/format';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { MetricsParams } from './params';
import type { MetricsStudy } from './report';

const p1 = (x: number) => (Number.isFinite(x) ? pct(x, 1) : 'undefined');

export function describeMetrics(
  v: Pick<MetricsParams, 'model' | 'threshold'>,
  study: MetricsStudy | null,
  status: { error: string | null },
): string {
  if (status.error) return `Error: ${status.error}`;
  const who = ZOO_MODEL_LABELS[v.model];
  if (!study) return `Scoring ${who} on the test digits…`;
  const m = study.metrics;
  const worst = study.slices.reduce((a, b) => (b.metrics.recall < a.metrics.recall ? b : a));
  return (
    `${who} as a detector of ${study.digit}s on ${formatCount(study.count)} test digits (${formatCount(study.positives)} positive) ` +
    `at threshold ${v.threshold.toFixed(2)}: accuracy ${p1(m.accuracy)}, balanced accuracy ${p1(m.balancedAccuracy)}, ` +
    `precision ${p1(m.precision)}, recall ${p1(m.recall)}, F1 ${p1(m.f1)}; AUROC ${study.auroc.toFixed(3)}, ` +
    `average precision ${study.ap.toFixed(3)}. Lowest recall: the ${worst.name} by ink, ${p1(worst.metrics.recall)}.`
  );
}
