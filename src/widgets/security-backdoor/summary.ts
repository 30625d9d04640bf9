/**
 * The backdoor lab's one-sentence result for the aria-live region, from plain state: the run's progress,
 * or its clean accuracy, attack success and what the spectral check found; and the stamped digit's answers.
 */
import { formatPercent as pct } from '../../lib/format';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { BackdoorProgress, BackdoorResult, StampResult } from './protocol';

export function topClass(p: readonly number[]): number {
  let best = 0;
  p.forEach((v, k) => {
    if (v > p[best]) best = k;
  });
  return best;
}

const rate = (r: number) => `${Number((100 * r).toFixed(1))}%`;

export function describeBackdoor(
  progress: BackdoorProgress | null,
  result: BackdoorResult | null,
  error: string | null,
  problem: string | null,
): string {
  if (problem) return `The trigger cannot be used: ${problem}.`;
  if (error) return `Error: ${error}`;
  if (progress && progress.phase === 'loading') return 'Loading the training and test digits…';
  if (progress && progress.phase === 'running') {
    return `Training on the poisoned split: step ${progress.step} of ${progress.totalSteps}.`;
  }
  if (progress && progress.phase === 'checking') return 'Scoring the model and running the spectral check…';
  if (!result) return 'Press “Poison and retrain” to train a model on the poisoned training digits.';
  const q = result.request;
  const d = result.detection;
  const check =
    result.poisoned === 0
      ? 'no digit was poisoned, so the spectral check has nothing to find'
      : `the spectral check flags ${d.flagged} of the ${d.examined} digits labelled ${q.target}: precision ${pct(d.precision)}, recall ${pct(d.recall)}`;
  return (
    `${ZOO_MODEL_LABELS[q.model]} trained with ${result.poisoned} poisoned digits (p = ${rate(q.rate)}): ` +
    `clean test accuracy ${pct(result.cleanAccuracy, 1)}, attack success ${pct(result.attackSuccess, 1)} ` +
    `of ${result.triggered} triggered test digits sent to ${q.target}; ${check}.`
  );
}

export function describeStamp(s: StampResult): string {
  const b = topClass(s.before);
  const a = topClass(s.after);
  const flip =
    a === s.request.target && b !== s.request.target
      ? 'the trigger flips it to the target'
      : a === b
        ? 'the label stays'
        : 'the label changes';
  return `Without the trigger the model says ${b} (${pct(s.before[b], 1)}); with it, ${a} (${pct(s.after[a], 1)}): ${flip}.`;
}
