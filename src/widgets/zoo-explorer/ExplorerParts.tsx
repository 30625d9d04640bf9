/** The explorer's panels, one job each: the test-split evaluation, the model's answer, live training. */
import { useCallback } from 'preact/hooks';
import { formatBytes, formatCount, formatDuration, formatPercent as pct } from '../../lib/format';
import { ParamControls } from '../../lib/ui/ParamControl';
import { PlotMount } from '../../lib/ui/PlotMount';
import { ProgressBar, RunControls, type RunProgress } from '../../lib/ui/RunControls';
import type { WidgetState } from '../../lib/ui/use-widget-state';
import type { ZooCatalog, ZooModelFacts } from '../zoo-shared/catalog';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import type { ClassifyResult } from '../zoo-shared/protocol';
import type { ZooState } from '../zoo-shared/zoo-state';
import { confusionChart, perClassChart, probabilityChart, trainingAccuracyChart, trainingLossChart } from './charts';
import { params } from './params';
import { describeEvaluation } from './summary';

export function EvaluationPanel(props: {
  id: string;
  facts: ZooModelFacts;
  evaluation: ZooState['evaluation'];
  canEvaluateTrained: boolean;
  disabled: boolean;
  onEvaluate: (model: 'shipped' | 'trained') => void;
  onStop: () => void;
}) {
  const { id, facts, evaluation: e, canEvaluateTrained, disabled, onEvaluate, onStop } = props;
  const busy = e.phase === 'loading' || e.phase === 'running';
  const r = e.phase === 'done' ? e.result : null;
  const shown = r && r.request.model === facts.name ? facts : null;
  const drawPerClass = useCallback(
    () => perClassChart(r!.perClass, shown ? { reference: shown.test.perClass, referenceLabel: 'manifest' } : {}),
    [r, shown],
  );
  const drawConfusion = useCallback(() => confusionChart(r!.confusion), [r]);
  return (
    <div class="zoo-panel" role="group" aria-labelledby={`${id}-eval-heading`}>
      <p id={`${id}-eval-heading`} class="zoo-heading">
        Evaluate on the test split
      </p>
      <div class="widget-buttons">
        <button type="button" class="primary" disabled={disabled || busy} onClick={() => onEvaluate('shipped')}>
          Evaluate {ZOO_MODEL_LABELS[facts.name]} on the {formatCount(facts.test.count)} test digits
        </button>
        <button type="button" disabled={disabled || busy || !canEvaluateTrained} onClick={() => onEvaluate('trained')}>
          Evaluate your trained model
        </button>
        {busy && (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        )}
      </div>
      {e.phase !== 'idle' && (
        <ProgressBar
          id={`${id}-eval-progress`}
          value={e.done}
          max={e.total || 1}
          label={
            e.phase === 'loading'
              ? `Loading${e.loading ? ` ${e.loading.file} (${formatBytes(e.loading.loaded)})` : ''}…`
              : `Scored ${formatCount(e.done)} of ${formatCount(e.total)} digits · ${formatCount(e.correct)} right · ${formatDuration(e.computeMs)}`
          }
        />
      )}
      {r ? (
        <>
          <p class="zoo-result" data-testid="evaluation-result">
            {describeEvaluation(e)} Time from the click: {formatDuration(r.wallMs)} (with any download the evaluation
            needed). On these digits: mean negative log-likelihood {r.nll.toFixed(3)} nats, ECE {pct(r.ece, 1)}.
          </p>
          <div class="chart-row">
            <div>
              <p class="chart-label">Accuracy per class{shown ? ' (rings: the manifest)' : ''}</p>
              <PlotMount make={drawPerClass} />
            </div>
            <div>
              <p class="chart-label">Confusion matrix (test digits)</p>
              <PlotMount make={drawConfusion} />
            </div>
          </div>
        </>
      ) : (
        e.phase === 'idle' && (
          <p class="chart-note">
            The manifest records {pct(facts.test.accuracy, 2)} ({formatCount(facts.test.correct)} of{' '}
            {formatCount(facts.test.count)}) for this model, measured by the training script; Evaluate measures it again
            here, in your browser, from the same verified weights.
          </p>
        )
      )}
    </div>
  );
}

export function AnswerPanel({ result, blank }: { result: ClassifyResult | null; blank: boolean }) {
  const draw = useCallback(() => probabilityChart(result!.probabilities, { label: result!.label }), [result]);
  if (blank) return <p class="chart-note">Draw a digit on the pad to see the model’s answer.</p>;
  if (!result) return null;
  const best = result.probabilities.indexOf(Math.max(...result.probabilities));
  return (
    <div>
      <p class="chart-label" data-testid="prediction">
        {ZOO_MODEL_LABELS[result.model as keyof typeof ZOO_MODEL_LABELS] ?? 'Your model'} says {best} (
        {pct(result.probabilities[best], 1)})
        {result.label !== null && (result.label === best ? ', right' : `, wrong: it is a ${result.label}`)}
      </p>
      <PlotMount make={draw} />
    </div>
  );
}

export function TrainingPanel(props: {
  id: string;
  catalog: ZooCatalog;
  facts: ZooModelFacts;
  training: ZooState['training'];
  /** The run on show is the one the settings ask for (its curves are shown). */
  current: boolean;
  progress: RunProgress;
  state: WidgetState<typeof params>;
  disabled: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
}) {
  const { id, catalog, facts, training: t, progress, state, disabled } = props;
  const totalSteps = Math.max(progress.totalSteps, state.values.steps);
  const drawLoss = useCallback(
    () => trainingLossChart(t.loss, t.validationNll, { totalSteps }),
    [t.loss, t.validationNll, totalSteps],
  );
  const drawAccuracy = useCallback(
    () => trainingAccuracyChart(t.batchAccuracy, t.validation, { totalSteps, target: facts.test.accuracy }),
    [t.batchAccuracy, t.validation, totalSteps, facts],
  );
  const { train, validation } = catalog.splits;
  const adversarial = facts.name === 'robust-cnn';
  return (
    <div class="zoo-panel" role="group" aria-labelledby={`${id}-train-heading`}>
      <p id={`${id}-train-heading`} class="zoo-heading">
        Train {ZOO_MODEL_LABELS[facts.name]} from scratch
      </p>
      <p class="chart-note">
        The shipped model’s recipe ({describeRecipe(facts)}) with its learning-rate schedule fitted to your step budget.
        The first Train downloads the {formatCount(train.count)} training digits ({formatBytes(train.bytes)}) and the{' '}
        {formatCount(validation.count)} validation digits ({formatBytes(validation.bytes)}).
        {adversarial && ' Each step first attacks its batch with 7 PGD steps, so it is several times slower.'}
      </p>
      <ParamControls widgetId={id} specs={params} values={state.values} set={state.set} keys={['steps', 'seed']} />
      <RunControls
        id={`${id}-train`}
        progress={progress}
        disabled={disabled}
        onPlay={props.onPlay}
        onPause={props.onPause}
        onStep={props.onStep}
        onReset={props.onReset}
        labels={{ start: 'Train from scratch', reset: 'New model' }}
        detail={t.loading ? `loading ${t.loading.file} (${formatBytes(t.loading.loaded)})` : undefined}
      />
      {props.current && t.validation.length > 0 && (
        <div class="chart-row">
          <div>
            <p class="chart-label">Loss</p>
            <PlotMount make={drawLoss} />
          </div>
          <div>
            <p class="chart-label">Accuracy (dashed: the shipped model on the test digits)</p>
            <PlotMount make={drawAccuracy} />
          </div>
        </div>
      )}
    </div>
  );
}

function describeRecipe(m: ZooModelFacts): string {
  const t = m.training as { epochs?: number; steps?: number; session?: { maxShift?: number; learningRate?: number } };
  const shift = t.session?.maxShift ? `, random shifts up to ${t.session.maxShift} px` : '';
  return `Adam at ${t.session?.learningRate ?? '?'}, batches of 64${shift}; shipped after ${formatCount(t.steps ?? 0)} steps`;
}
