/**
 * The calibration lab's panels: the table of the test split as trained, after the temperature and after
 * the matrix (with the fitting digits' NLL, and a sentence on whether the matrix overfits), the diagram
 * with its histogram, and for a model trained here its training progress and how long it took.
 */
import { useCallback } from 'preact/hooks';
import { formatBytes, formatCount, formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import { RunControls, type RunProgress } from '../../lib/ui/RunControls';
import type { CalibrationReport } from '../../math/evaluation-calibration';
import type { ScalingStudy, StopReason } from '../../math/evaluation-matrix-scaling';
import { confidenceHistogram, reliabilityChart } from './charts';
import { sameRequest } from '../evaluation-shared/study-controller';
import type { CalibrationState } from './controller';
import type { TrainingInfo } from './protocol';
import type { CalibrationParams } from './params';
import { shownMap, shownReport } from './summary';

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

const STOPS: Record<StopReason, string> = {
  gradient: 'converged (gradient below 10⁻⁶)',
  loss: 'converged (the loss stopped falling)',
  'line-search': 'stopped: no step lowered the loss further',
  iterations: 'stopped at the cap of 500 iterations',
};

/** The test split as trained, after the temperature and after the matrix; then the fitting digits' NLL. */
export function ResultsTable({ study, title }: { study: ScalingStudy; title: string }) {
  const { fit } = study.matrix;
  const n = formatCount(study.fitCount);
  return (
    <table class="calibration-table" data-testid="calibration-table">
      <caption>
        {title} on the {formatCount(study.before.count)} test digits. Both maps fitted on the first {n} validation
        digits ({formatCount(study.fitCount / 10)} of each): T = {study.temperature.toFixed(3)}; the matrix’s{' '}
        {fit.parameters} parameters after {fit.iterations} L-BFGS iterations, {STOPS[fit.stop]}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Test split</th>
          <th scope="col">As trained</th>
          <th scope="col">T = {study.temperature.toFixed(2)}</th>
          <th scope="col">Matrix</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.value(study.before)}</td>
            <td>{row.value(study.after)}</td>
            <td>{row.value(study.matrix.after)}</td>
          </tr>
        ))}
        <tr class="fit-row">
          <th scope="row">NLL on the {n} fitting digits</th>
          <td>{study.validationNll.before.toFixed(4)}</td>
          <td>{study.validationNll.after.toFixed(4)}</td>
          <td>{fit.nllAfter.toFixed(4)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** One sentence on the two maps: does the matrix's better fit carry over to the test digits? */
export function overfitSentence(study: ScalingStudy): string {
  const t = study.after;
  const m = study.matrix.after;
  const fitT = study.validationNll.after;
  const fitM = study.matrix.fit.nllAfter;
  const n = formatCount(study.fitCount);
  const acc =
    m.accuracy === t.accuracy
      ? ''
      : `, and it changes test answers: accuracy ${pct(m.accuracy, 2)} against the temperature’s ${pct(t.accuracy, 2)}`;
  if (m.nll > t.nll) {
    return `The matrix fits its ${n} digits better than the temperature (NLL ${fitM.toFixed(3)} against ${fitT.toFixed(3)}) but the test digits worse (NLL ${m.nll.toFixed(3)} against ${t.nll.toFixed(3)}): it overfits${acc}.`;
  }
  return `The matrix fits its ${n} digits better than the temperature (NLL ${fitM.toFixed(3)} against ${fitT.toFixed(3)}) and the test digits too (NLL ${m.nll.toFixed(3)} against ${t.nll.toFixed(3)})${acc}.`;
}

export function ScalingNote({ study }: { study: ScalingStudy }) {
  return (
    <p class="chart-note" data-testid="calibration-overfit">
      {overfitSentence(study)}
    </p>
  );
}

export function DiagramPanel({ study, values }: { study: ScalingStudy; values: CalibrationParams }) {
  const report = shownReport(study, values);
  const which = shownMap(study, values);
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
