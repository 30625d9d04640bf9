/**
 * The backdoor lab's panels: the trigger editor (a 4 × 4 grid of toggle buttons, keyboard and pointer
 * alike), the run's result (clean accuracy, attack success, the spectral check against the truth) and
 * the stamp (a digit without and with the trigger, and what the backdoored model answers for each).
 */
import { useCallback } from 'preact/hooks';
import { formatDuration, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { formatTrigger, TRIGGER_SIDE } from '../../math/security-backdoor';
import { DigitImage } from '../zoo-shared/DigitImage';
import { probabilityChart } from '../zoo-shared/charts';
import { scoreChart } from './charts';
import type { BackdoorResult, StampResult } from './protocol';
import { describeStamp, topClass } from './summary';

export function TriggerEditor({
  id,
  text,
  onChange,
  disabled,
}: {
  id: string;
  text: string;
  onChange: (next: string) => void;
  disabled?: boolean;
}) {
  // A malformed trigger (from the URL) is drawn as what it can be read as: '1' is ink, anything else none.
  const cells = Array.from({ length: TRIGGER_SIDE * TRIGGER_SIDE }, (_, k) => text[k] === '1');
  const toggle = (k: number) => onChange(formatTrigger(cells.map((c, i) => (i === k ? !c : c))));
  return (
    <fieldset class="bd-trigger" id={`${id}-trigger`}>
      <legend>Trigger (stamped in the bottom-right corner; press a cell to toggle its ink)</legend>
      <div class="bd-grid" role="group" aria-label="Trigger cells, 4 by 4">
        {cells.map((on, k) => (
          <button
            key={k}
            type="button"
            class={on ? 'bd-cell bd-on' : 'bd-cell'}
            aria-pressed={on}
            aria-label={`row ${Math.floor(k / TRIGGER_SIDE) + 1}, column ${(k % TRIGGER_SIDE) + 1}`}
            disabled={disabled}
            onClick={() => toggle(k)}
          />
        ))}
      </div>
    </fieldset>
  );
}

export function ResultPanel({ result, stale }: { result: BackdoorResult; stale: boolean }) {
  const q = result.request;
  const d = result.detection;
  const draw = useCallback(
    () => scoreChart(d.scores, { label: `Spectral scores of the ${d.examined} training digits labelled ${q.target}` }),
    [d],
  );
  return (
    <div class="bd-panel">
      {stale && <p class="chart-note">These are the last run’s results; the settings have changed since.</p>}
      <p class="bd-result" data-testid="backdoor-result">
        {result.poisoned} of 7,000 training digits poisoned (p = {Number((100 * q.rate).toFixed(1))}%), target{' '}
        {q.target}. Clean test accuracy <strong>{pct(result.cleanAccuracy, 1)}</strong>; attack success{' '}
        <strong>{pct(result.attackSuccess, 1)}</strong> ({result.triggered} test digits of other classes, trigger
        stamped, sent to {q.target}). Trained in {formatDuration(result.trainMs)}.
      </p>
      {result.poisoned > 0 ? (
        <>
          <p class="bd-result" data-testid="backdoor-detection">
            Spectral signature (Tran et al. 2018) on the {d.examined} training digits labelled {q.target}: it flags the{' '}
            {d.flagged} highest scores (1.5 × the {result.poisoned} the defender budgets for), {d.truePositives} of them
            truly poisoned. Precision <strong>{pct(d.precision)}</strong>, recall <strong>{pct(d.recall)}</strong>.
          </p>
          <PlotMount make={draw} />
        </>
      ) : (
        <p class="chart-note">With p = 0 nothing is poisoned: the spectral check has nothing to find.</p>
      )}
    </div>
  );
}

export function StampPanel({ stamp }: { stamp: StampResult }) {
  const b = topClass(stamp.before);
  const a = topClass(stamp.after);
  const label = stamp.label ?? b;
  const drawBefore = useCallback(() => probabilityChart(stamp.before, { label }), [stamp]);
  const drawAfter = useCallback(() => probabilityChart(stamp.after, { label }), [stamp]);
  return (
    <div class="bd-panel">
      <div class="bd-images">
        <figure>
          <DigitImage pixels={stamp.pixels} label={`The digit without the trigger: the model says ${b}`} />
          <figcaption>clean: {b}</figcaption>
        </figure>
        <figure>
          <DigitImage pixels={stamp.stamped} label={`The digit with the trigger: the model says ${a}`} />
          <figcaption>triggered: {a}</figcaption>
        </figure>
      </div>
      <p class="bd-result" data-testid="backdoor-stamp">
        {describeStamp(stamp)}
      </p>
      <div class="bd-images">
        <div>
          <p class="chart-label">Without the trigger</p>
          <PlotMount make={drawBefore} />
        </div>
        <div>
          <p class="chart-label">With the trigger</p>
          <PlotMount make={drawAfter} />
        </div>
      </div>
      <p class="chart-note">
        Probability of the true class {pct(stamp.before[label], 1)} → {pct(stamp.after[label], 1)}.
      </p>
    </div>
  );
}
