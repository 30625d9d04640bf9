/**
 * The calibration lab's panels: the before/after table, the diagram with its histogram, and for a model
 * trained here its training progress and how long it took.
 */
import { useCallback } from 'preact/hooks';
import { formatBytes, formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { RunControls, type RunProgress } from '../../lib/ui/RunControls';
import type { CalibrationReport, TemperatureStudy } from '../../math/evaluation-calibration';
import { confidenceHistogram, reliabilityChart } from './charts';
import { sameRequest } from '../evaluation-shared/study-controller';
import type { CalibrationState } from './controller';
import type { TrainingInfo } from './protocol';
import type { CalibrationParams } from './params';

/**
 * The run controls of the model trained here (the UI kit's RunControls: Pause / Resume training, Step,
 * Reset training, and the progress bar): while it trains or is paused, once its study is on show (done),
 * and after a reset (Train starts it again). Nothing while a shipped model's study is on its way.
 */
export function TrainedRunControls(props: {
  id: string;
  epochs: number;
  state: CalibrationState;
  onTrain: () => void;
  onAction: (action: 'pause' | 'resume' | 'step') => void;
  onReset: (totalSteps: number) => void;
}) {
  const { state, epochs } = props;
  const progress = trainedProgress(state);
  if (!progress) return null;
  const epoch = Math.min(epochs, (state.training?.epoch ?? 0) + 1);
  const detail = state.training
    ? `epoch ${epoch} of ${epochs}${progress.phase === 'paused' ? ', paused' : ''}`
    : progress.phase === 'done'
      ? `trained for ${epochs} epoch${epochs === 1 ? '' : 's'}`
      : 'reset: press Train to train again';
  return (
    <RunControls
      id={`${props.id}-training`}
      progress={progress}
      onPlay={() => (progress.phase === 'idle' ? props.onTrain() : props.onAction('resume'))}
      onPause={() => props.onAction('pause')}
      onStep={() => props.onAction('step')}
      onReset={() => props.onReset(progress.totalSteps)}
      labels={{ reset: 'Reset training' }}
      detail={detail}
    />
  );
}

function trainedProgress(state: CalibrationState): RunProgress | null {
  const { training, trainingReset, study, shown } = state;
  if (training) {
    const { phase, step, totalSteps, stepsPerSecond } = training;
    return { phase: phase === 'idle' ? 'running' : phase, step, totalSteps, stepsPerSecond };
  }
  if (trainingReset) return { phase: 'idle', step: 0, totalSteps: trainingReset.totalSteps, stepsPerSecond: 0 };
  const trained = study?.training;
  if (trained && shown?.source === 'trained' && sameRequest(shown, state.request)) {
    return { phase: 'done', step: trained.steps, totalSteps: trained.steps, stepsPerSecond: trained.stepsPerSecond };
  }
  return null;
}

export function TrainedSourceNote({ train }: { train: { count: number; bytes: number } }) {
  return (
    <p class="chart-note">
      The zoo’s MLP (784 → 128 → 10, Adam, its learning-rate schedule fitted to your epochs, seed 1) without its random
      shifts, trained in your browser’s worker and then scored like a shipped model. The first training downloads the{' '}
      {formatCount(train.count)} training digits ({formatBytes(train.bytes)}).
    </p>
  );
}

export function TrainingNote({ trained, backend }: { trained: TrainingInfo | null; backend: string | null }) {
  if (!trained) return null;
  return (
    <p class="chart-note" data-testid="calibration-training">
      Trained here: the zoo’s MLP recipe (seed 1) for {trained.epochs} epoch{trained.epochs === 1 ? '' : 's'},{' '}
      {formatCount(trained.steps)} steps of 64 digits in {(trained.trainMs / 1000).toFixed(1)} s on{' '}
      {backend ?? 'the worker'} ({Math.round(trained.stepsPerSecond)} steps/s); last epoch’s training loss{' '}
      {trained.finalTrainLoss.toFixed(3)}.
    </p>
  );
}

const ROWS: { label: string; value: (r: CalibrationReport) => string }[] = [
  { label: 'Accuracy', value: (r) => pct(r.accuracy, 2) },
  { label: 'Mean confidence', value: (r) => pct(r.meanConfidence, 2) },
  { label: 'ECE, the chosen bins', value: (r) => pct(r.ece, 2) },
  { label: 'ECE, 15 equal-width bins', value: (r) => pct(r.ece15, 2) },
  { label: 'NLL (nats)', value: (r) => r.nll.toFixed(4) },
  { label: 'Brier score', value: (r) => r.brier.toFixed(4) },
];

export function ResultsTable({ study, title }: { study: TemperatureStudy; title: string }) {
  return (
    <table class="calibration-table" data-testid="calibration-table">
      <caption>
        {title} on the {formatCount(study.before.count)} test digits. Temperature fitted on the validation digits: T ={' '}
        {study.temperature.toFixed(3)} (validation NLL {study.validationNll.before.toFixed(4)} →{' '}
        {study.validationNll.after.toFixed(4)}).
      </caption>
      <thead>
        <tr>
          <th scope="col">Test split</th>
          <th scope="col">T = 1 (as trained)</th>
          <th scope="col">T = {study.temperature.toFixed(2)}</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.value(study.before)}</td>
            <td>{row.value(study.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DiagramPanel({ report, values }: { report: CalibrationReport; values: CalibrationParams }) {
  const which = values.scaled ? `after temperature scaling (T = ${report.temperature.toFixed(2)})` : 'as trained';
  const bins = `${values.bins} ${values.binning === 'width' ? 'equal-width' : 'equal-mass'} bins`;
  const drawDiagram = useCallback(
    () => reliabilityChart(report.bins, { label: `Reliability diagram, ${which}, ${bins}` }),
    [report, which, bins],
  );
  const drawHistogram = useCallback(() => confidenceHistogram(report.histogram), [report]);
  const empty = report.bins.filter((b) => b.count === 0).length;
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">
          Test digits {which}, {bins}
          {empty ? ` (${empty} empty)` : ''}
        </p>
        <PlotMount make={drawDiagram} />
      </div>
      <div>
        <p class="chart-label">Where the confidences fall</p>
        <PlotMount make={drawHistogram} />
      </div>
    </div>
  );
}
