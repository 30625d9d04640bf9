/**
 * The explorer's one-sentence result for the aria-live region: the last evaluation, the model's answer
 * for the reader's digit, and the training run. Counts are rounded while work runs, so a screen reader
 * hears progress without a flood.
 */
import { formatCount, formatDuration, formatPercent as pct } from '../../lib/format';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { ZooModelRef } from '../zoo-shared/protocol';
import type { ZooState } from '../zoo-shared/zoo-state';
import type { ExplorerParams } from './params';

const nameOf = (ref: ZooModelRef) => (ref === 'trained' ? 'your trained model' : ZOO_MODEL_LABELS[ref]);

export function describeEvaluation(s: ZooState['evaluation']): string {
  const r = s.request;
  if (!r) return '';
  const who = nameOf(r.model);
  switch (s.phase) {
    case 'loading':
      return `Loading ${who} and the test digits…`;
    case 'running':
    case 'paused': {
      const done = Math.floor(s.done / 500) * 500;
      return `Scoring ${who}: ${formatCount(done)} of ${formatCount(s.total)} test digits.`;
    }
    case 'cancelled':
      return `The evaluation of ${who} stopped after ${formatCount(s.done)} digits.`;
    case 'done': {
      const res = s.result;
      if (!res) return '';
      const m = res.manifest;
      const match = m
        ? m.correct === res.correct
          ? ', as recorded'
          : `; the manifest records ${pct(m.accuracy, 2)}`
        : '';
      return (
        `${who[0].toUpperCase()}${who.slice(1)} on the ${formatCount(res.count)} test digits: ${pct(res.accuracy, 2)} ` +
        `(${formatCount(res.correct)} right${match}), scored in ${formatDuration(res.computeMs)}.`
      );
    }
    default:
      return '';
  }
}

export function describeAnswer(s: ZooState['classified'], drawnBlank: boolean): string {
  const r = s.result;
  if (drawnBlank) return 'Draw a digit to see the model’s answer.';
  if (!r) return '';
  let best = 0;
  r.probabilities.forEach((p, k) => {
    if (p > r.probabilities[best]) best = k;
  });
  const what = r.digit === 'test' ? `Test digit (a ${r.label})` : 'Your drawing';
  return `${what}: ${nameOf(r.model)} says ${best} (${pct(r.probabilities[best], 1)}).`;
}

export function describeTraining(s: ZooState['training']): string {
  if (!s.request) return '';
  const who = ZOO_MODEL_LABELS[s.request.model];
  if (s.phase === 'loading') return `Loading the training digits for ${who}…`;
  const v = s.validation.at(-1);
  const held = v ? `, validation accuracy ${pct(v.value)}` : '';
  const { step, totalSteps, stepsPerSecond } = s.progress;
  if (s.phase === 'running') {
    const shown = Math.floor(step / 50) * 50;
    return `Training ${who} from scratch: step ${shown} of ${totalSteps}${held}.`;
  }
  if (step === 0) return `${who} ready to train (${totalSteps} steps).`;
  return `${who} trained ${step} of ${totalSteps} steps${held}, ${stepsPerSecond.toFixed(1)} steps/s.`;
}

export function describeExplorer(
  _p: Pick<ExplorerParams, 'model'>,
  s: ZooState & Pick<RuntimeState, 'error' | 'backend'>,
  drawnBlank: boolean,
): string {
  if (s.error) return `Error: ${s.error}`;
  if (!s.backend || !s.classified.result) return 'Loading the model…';
  return [describeEvaluation(s.evaluation), describeAnswer(s.classified, drawnBlank), describeTraining(s.training)]
    .filter(Boolean)
    .join(' ');
}
