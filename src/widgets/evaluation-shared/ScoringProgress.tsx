/**
 * The progress of a study widget's first pass over a split: the model's name, the split and the count
 * scored so far. The Worker scores a model once per split and caches it, so this shows only while a
 * model is new to the page.
 */
import { formatCount } from '../../lib/format';
import { ProgressBar } from '../../lib/ui/RunControls';
import type { ZooModelName } from '../../math/zoo';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';

export function ScoringProgress(props: {
  id: string;
  model: ZooModelName;
  scoring: { split?: 'validation' | 'test'; done: number; total: number } | null;
  /** What is counted: "digits" by default. */
  unit?: string;
}) {
  const { scoring } = props;
  if (!scoring) return null;
  const where = scoring.split ? ` on the ${scoring.split} digits` : '';
  const of = `${formatCount(scoring.done)} of ${formatCount(scoring.total)}${props.unit ? ` ${props.unit}` : ''}`;
  return (
    <ProgressBar
      id={`${props.id}-progress`}
      value={scoring.done}
      max={scoring.total || 1}
      label={`Scoring ${ZOO_MODEL_LABELS[props.model]}${where}: ${of}`}
    />
  );
}
