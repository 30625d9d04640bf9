/** The denoiser lab's panels, one job each: model settings, sampling, training, curves and numbers. */
import { useCallback } from 'preact/hooks';
import type { WidgetStatus } from '../../lib/runtime/status';
import { ParamControl, ParamControls } from '../../lib/ui/ParamControl';
import { PlotMount } from '../../lib/ui/PlotMount';
import { ProgressBar, RunControls } from '../../lib/ui/RunControls';
import type { WidgetState } from '../../lib/ui/use-widget-state';
import { lossChart, qualityChart } from './charts';
import { QUALITY_CHECK, QUALITY_EVERY, THRESHOLD_FRACTION } from './constants';
import type { LabController, LabSettings, LabState } from './controller';
import { params, type ClassChoice } from './params';
import { describeSampler } from './summary';

type LabWidgetState = WidgetState<typeof params>;

/** Data and model: the settings that build a new model, and where its weights came from. */
export function ModelControls(props: {
  id: string;
  state: LabWidgetState;
  dataError: string | null;
  note: string | null;
}) {
  const { id, state, dataError, note } = props;
  return (
    <>
      <fieldset class="lab-group">
        <legend>Data and model</legend>
        <ParamControls
          widgetId={id}
          specs={params}
          values={state.values}
          set={state.set}
          keys={['dataset', 'schedule', 'T', 'seed']}
        />
      </fieldset>
      {dataError && (
        <p class="field-error" role="alert">
          {dataError}
        </p>
      )}
      {note && <p class="chart-note">{note}</p>}
    </>
  );
}

/** Sampling settings, the Sample and Stop buttons, and the sampling progress. */
export function LabSampling(props: {
  id: string;
  state: LabWidgetState;
  lab: LabState;
  settings: LabSettings;
  status: WidgetStatus;
  controller: LabController | null;
}) {
  const { id, state, lab, settings, status, controller } = props;
  const v = state.values;
  const numClasses = lab.model?.numClasses ?? 0;
  const cls = settings.request.cls;
  const wanted = v.cls === 'any' ? null : Number(v.cls) - 1;
  const trainingRunning = lab.training?.progress.phase === 'running';
  const trained = lab.model?.source.kind === 'pretrained' || (lab.training?.progress.step ?? 0) > 0;
  const classOptions: ClassChoice[] = (['any', '1', '2', '3'] as const).slice(0, numClasses + 1);
  const control = (name: 'sampler' | 'steps' | 'samples' | 'cls' | 'guidance' | 'fieldT', extra: object = {}) => (
    <ParamControl
      widgetId={id}
      name={name}
      spec={{ ...params[name], ...extra } as (typeof params)[typeof name]}
      value={
        name === 'cls'
          ? cls === null
            ? 'any'
            : v.cls
          : name === 'steps'
            ? settings.request.steps
            : name === 'fieldT'
              ? settings.field.t
              : v[name]
      }
      disabled={(name === 'steps' && v.sampler === 'ddpm') || (name === 'guidance' && cls === null)}
      onChange={(value: never) => state.set(name, value)}
    />
  );
  const last = lab.frames.at(-1);
  return (
    <fieldset class="lab-group">
      <legend>Sampling</legend>
      <div class="widget-controls">
        {control('sampler')}
        {control('steps', { max: v.T })}
        {control('samples')}
        {numClasses > 0 && control('cls', { options: classOptions })}
        {numClasses > 0 && control('guidance')}
        {control('fieldT', { max: v.T })}
      </div>
      {v.steps > v.T && v.sampler === 'ddim' && (
        <p class="chart-note">
          DDIM steps: {v.steps} is more than T = {v.T}; using {settings.request.steps}.
        </p>
      )}
      {v.fieldT > v.T && (
        <p class="chart-note">
          Field at t: {v.fieldT} is more than T = {v.T}; using {settings.field.t}.
        </p>
      )}
      {lab.model && numClasses === 0 && (
        <p class="chart-note">
          This data set has no labels, so there is no class to choose: samples are unconditional.
        </p>
      )}
      {lab.model && wanted !== null && wanted >= numClasses && numClasses > 0 && (
        <p class="chart-note">
          This data set has {numClasses} classes, so class {v.cls} does not exist: sampling any class.
        </p>
      )}
      <div class="widget-buttons">
        <button
          type="button"
          class="primary"
          disabled={status === 'loading' || !trained || trainingRunning || lab.sampling}
          onClick={() => controller?.sample()}
        >
          Sample
        </button>
        {lab.sampling && (
          <button type="button" onClick={() => controller?.stopSample()}>
            Stop sampling
          </button>
        )}
      </div>
      {lab.sampling && (
        <ProgressBar
          id={`${id}-sampling`}
          value={last?.step ?? 0}
          max={last?.steps ?? 1}
          label={`Sampling step ${last?.step ?? 0} of ${last?.steps ?? '…'}`}
        />
      )}
    </fieldset>
  );
}

/** Training from scratch: its settings, run controls and progress. */
export function LabTraining(props: {
  id: string;
  state: LabWidgetState;
  lab: LabState;
  controller: LabController | null;
}) {
  const { id, state, lab, controller } = props;
  const source = lab.model?.source.kind;
  const canTrain = !!lab.model && !lab.configuring && !lab.sampling;
  const training = lab.training;
  const v = state.values;
  return (
    <fieldset class="lab-group">
      <legend>Training</legend>
      <ParamControls widgetId={id} specs={params} values={v} set={state.set} keys={['trainSteps', 'lr']} />
      {source !== 'scratch' || !training ? (
        <div class="widget-buttons">
          <button type="button" class="primary" disabled={!canTrain} onClick={() => controller?.trainFromScratch()}>
            Train from scratch
          </button>
        </div>
      ) : (
        <RunControls
          id={id}
          progress={training.progress}
          disabled={!canTrain}
          onPlay={() => controller?.play()}
          onPause={() => controller?.pause()}
          onStep={() => controller?.step()}
          onReset={() => controller?.trainFromScratch(false)}
          labels={{ reset: 'Reset training' }}
          detail={lab.model ? `${lab.model.numParameters.toLocaleString('en')} parameters` : undefined}
        >
          {v.dataset !== 'drawn' && v.T === 1000 && (
            <button
              type="button"
              disabled={!canTrain || training.progress.phase === 'running'}
              onClick={() => controller?.usePretrained()}
            >
              Use pre-trained weights
            </button>
          )}
        </RunControls>
      )}
    </fieldset>
  );
}

/** The training loss (when trained here) and the sample quality by training step. */
export function LabCharts({ lab, trainSteps }: { lab: LabState; trainSteps: number }) {
  const training = lab.training;
  const source = lab.model?.source;
  const totalSteps = training?.progress.totalSteps ?? trainSteps;
  const baseline = lab.model?.baseline ?? 0;
  const axisSteps = source?.kind === 'pretrained' ? source.trainingSteps : totalSteps;
  // The quick checks of this model's training: live, or those the pre-training script recorded.
  const checks = training?.quality ?? (source?.kind === 'pretrained' ? source.qualityChecks : []);
  const drawLoss = useCallback(() => lossChart(training?.loss ?? [], { totalSteps }), [training?.loss, totalSteps]);
  const drawQuality = useCallback(
    () =>
      qualityChart(checks, lab.sampleHistory, {
        totalSteps: axisSteps,
        baseline,
        threshold: THRESHOLD_FRACTION * baseline,
      }),
    [checks, lab.sampleHistory, axisSteps, baseline],
  );
  return (
    <div class="chart-row">
      {training && (
        <div>
          <p class="chart-label">Training loss</p>
          <PlotMount make={drawLoss} />
        </div>
      )}
      <div>
        <p class="chart-label">Sample quality (lower is better)</p>
        <PlotMount make={drawQuality} />
      </div>
    </div>
  );
}

/** The last sampling run, its references, and the training speed, in words and numbers. */
export function LabNumbers({ lab, T }: { lab: LabState; T: number }) {
  const last = lab.lastSample;
  const training = lab.training;
  const baseline = lab.model?.baseline ?? 0;
  const q = last?.quality;
  return (
    <dl class="lab-numbers">
      <div>
        <dt>Last sampling run</dt>
        <dd>
          {last && q
            ? `${last.request.n} points, ${describeSampler(last.request, T)}: ${last.ms.toFixed(0)} ms; sliced Wasserstein ${q.sw.toFixed(3)}`
            : 'none yet'}
        </dd>
      </div>
      <div>
        <dt>References</dt>
        <dd>
          {q
            ? `noise baseline ${q.baseline.toFixed(3)}, threshold ${(THRESHOLD_FRACTION * q.baseline).toFixed(3)} (half the baseline), fresh data ${q.floor.toFixed(3)}`
            : baseline > 0
              ? `noise baseline ${baseline.toFixed(3)}, threshold ${(THRESHOLD_FRACTION * baseline).toFixed(3)}`
              : '–'}
        </dd>
      </div>
      {last && q?.classFraction != null && (
        <div>
          <dt>Nearest to class {(last.request.cls ?? 0) + 1}</dt>
          <dd>
            {Math.round(100 * q.classFraction)}% of samples (guidance w = {last.request.guidance})
          </dd>
        </div>
      )}
      {training && (
        <div>
          <dt>Training speed</dt>
          <dd>
            {training.progress.stepsPerSecond.toFixed(0)} steps/s
            {training.threshold
              ? `; beat the threshold at step ${training.threshold.step} after ${(training.threshold.ms / 1000).toFixed(1)} s`
              : `; threshold not reached yet (checked every ${QUALITY_EVERY} steps with ${QUALITY_CHECK.n} points, DDIM ${QUALITY_CHECK.steps})`}
          </dd>
        </div>
      )}
    </dl>
  );
}
