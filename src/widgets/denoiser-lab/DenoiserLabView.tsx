/**
 * The live denoiser lab: settings, pre-trained or live-trained model, sampling animated from noise to
 * data with a scrubber, the learned direction field, and the loss and quality curves. All computing
 * happens in a Worker (controller.ts); this view only draws what the worker reports.
 */
import { prefersReducedMotion } from '../../lib/ui/use-reduced-motion';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { pageBackendRequest } from '../../lib/backend-probe';
import { ParamControl, ParamControls } from '../../lib/ui/ParamControl';
import { PlotMount } from '../../lib/ui/PlotMount';
import { useWidgetState } from '../../lib/ui/use-widget-state';
import { WidgetShell, type WidgetStatus } from '../../lib/ui/WidgetShell';
import { decodeDrawing } from '../diffusion-shared/points-codec';
import {
  fieldChart,
  lossChart,
  paintPoints,
  planeScales,
  qualityChart,
  samplesChart,
  type PlaneScales,
} from './charts';
import { INITIAL_STATE, LabController, type LabState } from './controller';
import { modelClass, params, type ClassChoice, type LabParams } from './params';
import type { FieldRequest } from './protocol';
import { FIELD_EXTENT, FIELD_SIZE, QUALITY_CHECK, QUALITY_EVERY, THRESHOLD_FRACTION } from './constants';
import type { SampleRequest, SessionConfig } from './session';
import { describeLab, describeSampler } from './summary';
import { formatBytes } from '../../lib/format';

interface Props {
  id: string;
  base: Partial<LabParams>;
}

/** Animation speed of a finished sampling run: one frame per 100 ms, the most the charts redraw. */
const FRAME_MS = 100;

function sessionConfig(v: LabParams): SessionConfig {
  return { dataset: v.dataset, points: v.points, schedule: v.schedule, T: v.T, seed: v.seed, lr: v.lr };
}

export default function DenoiserLabView({ id, base }: Props) {
  const state = useWidgetState(params, id, base);
  const { values } = state;
  const [lab, setLab] = useState<LabState>(INITIAL_STATE);
  const controller = useRef<LabController | null>(null);
  const [frameIndex, setFrameIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  /** Set by the Sample button: the next run is animated once it has finished computing. */
  const animateNext = useRef(false);

  // Classes the data offer; a class the data lack falls back to 'any' with a note.
  const numClasses = lab.model?.numClasses ?? 0;
  const wantedClass = modelClass(values.cls);
  const cls = wantedClass !== null && wantedClass < numClasses ? wantedClass : null;
  const classLabel = cls === null ? null : `class ${cls + 1}`;
  const steps = Math.min(values.steps, values.T);
  const fieldT = Math.min(values.fieldT, values.T);
  const request: SampleRequest = useMemo(
    () => ({ method: values.sampler, steps, n: values.samples, cls, guidance: cls === null ? 0 : values.guidance }),
    [values.sampler, steps, values.samples, cls, values.guidance],
  );
  const field: FieldRequest = useMemo(
    () => ({ t: fieldT, cls, guidance: cls === null ? 0 : values.guidance }),
    [fieldT, cls, values.guidance],
  );

  // Notes about the URL's drawing (unreadable parts dropped), shown once.
  useEffect(() => {
    if (values.dataset === 'drawn' && values.points !== '') {
      const notice = decodeDrawing(values.points).notice;
      if (notice) state.addNotice(notice);
    }
  }, []);

  // One worker per mount; the backend order is read from the page (browser only, hence in the effect).
  // In a task of its own: probing the GPU creates a WebGL context (~30 ms), and hydration is long already.
  useEffect(() => {
    let c: LabController | null = null;
    const timer = setTimeout(() => {
      const req = pageBackendRequest();
      if (req.notice) state.addNotice(req.notice);
      c = new LabController(req.order, import.meta.env.BASE_URL, setLab);
      controller.current = c;
    }, 0);
    return () => {
      clearTimeout(timer);
      c?.dispose();
    };
  }, []);

  // A new model whenever the data, schedule, T or seed change (debounced: a dragged slider sends one).
  const configKey = JSON.stringify([values.dataset, values.points, values.schedule, values.T, values.seed]);
  const latest = useRef({ values, request, field });
  latest.current = { values, request, field };
  const configure = useCallback((fromScratch: boolean, play: boolean) => {
    const v = latest.current.values;
    controller.current?.configure({
      config: sessionConfig(v),
      trainSteps: v.trainSteps,
      fromScratch,
      play,
      field: latest.current.field,
    });
  }, []);
  // (On mount this runs after the worker is made: its timer was set first, with a shorter delay.)
  useEffect(() => {
    const timer = setTimeout(() => configure(false, false), 150);
    return () => clearTimeout(timer);
  }, [configKey]);

  // Training settings only matter to a model trained here: a change restarts that training, unstarted.
  const source = lab.model?.source.kind;
  useEffect(() => {
    if (source !== 'scratch') return;
    const timer = setTimeout(() => configure(true, false), 150);
    return () => clearTimeout(timer);
  }, [values.lr, values.trainSteps]);

  const training = lab.training;
  const trainingRunning = training?.phase === 'running';
  const trained = source === 'pretrained' || (training !== null && training.step > 0);

  // Sampling: once a model is trained (pre-trained on load, or a training run that stopped), and again
  // whenever a sampling setting changes. These runs are not animated; the Sample button's run is.
  const sampleKey = JSON.stringify(request);
  const trainingStoppedAt = training && training.phase !== 'running' ? training.step : -1;
  // Not while a new model is on its way: a sample request sent then would land on the new model and
  // pause the training that "Train from scratch" just started (the worker pauses training to sample).
  useEffect(() => {
    if (!lab.model || lab.configuring || !trained || trainingRunning) return;
    const timer = setTimeout(() => controller.current?.sample(latest.current.request), 250);
    return () => clearTimeout(timer);
  }, [sampleKey, lab.model, lab.configuring, trained, trainingStoppedAt]);

  const fieldKey = JSON.stringify(field);
  useEffect(() => {
    if (!lab.model) return;
    const timer = setTimeout(() => controller.current?.field(latest.current.field), 150);
    return () => clearTimeout(timer);
  }, [fieldKey]);

  // Frames: follow the stream while computing; afterwards animate (Sample button) or jump to the end.
  const frames = lab.frames;
  useEffect(() => {
    if (lab.sampling) {
      setPlaying(false);
      setFrameIndex(Math.max(0, frames.length - 1));
      return;
    }
    if (frames.length === 0) return;
    if (animateNext.current && !prefersReducedMotion()) {
      setFrameIndex(0);
      setPlaying(true);
    } else {
      setFrameIndex(frames.length - 1);
    }
    animateNext.current = false;
  }, [frames, lab.sampling]);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setFrameIndex((i) => {
        if (i + 1 >= frames.length) {
          setPlaying(false);
          return frames.length - 1;
        }
        return i + 1;
      });
    }, FRAME_MS);
    return () => clearInterval(timer);
  }, [playing, frames]);

  const frame = frames[Math.min(frameIndex, frames.length - 1)] ?? null;
  const data = lab.model?.data ?? null;
  const drawField = useCallback(
    () =>
      fieldChart(data ?? [], lab.field?.grid ?? [], lab.field?.directions ?? [], {
        label: `Learned direction −ε̂ at t = ${lab.field?.t ?? fieldT}, arrows over the data`,
        spacing: (2 * FIELD_EXTENT) / (FIELD_SIZE - 1),
      }),
    [data, lab.field],
  );
  const totalSteps = training?.totalSteps ?? values.trainSteps;
  const drawLoss = useCallback(() => lossChart(training?.loss ?? [], { totalSteps }), [training?.loss, totalSteps]);
  const baseline = lab.model?.baseline ?? 0;
  const qualityAxisSteps = lab.model?.source.kind === 'pretrained' ? lab.model.source.trainingSteps : totalSteps;
  // The quick checks of this model's training: live, or those the pre-training script recorded.
  const checks = training?.quality ?? (lab.model?.source.kind === 'pretrained' ? lab.model.source.qualityChecks : []);
  const drawQuality = useCallback(
    () =>
      qualityChart(checks, lab.sampleHistory, {
        totalSteps: qualityAxisSteps,
        baseline,
        threshold: THRESHOLD_FRACTION * baseline,
      }),
    [checks, lab.sampleHistory, qualityAxisSteps, baseline],
  );

  const busy = lab.configuring || !lab.model;
  const status: WidgetStatus = lab.error
    ? 'error'
    : !lab.backend || (busy && !lab.dataError)
      ? 'loading'
      : trainingRunning || lab.sampling
        ? 'running'
        : 'ready';
  const summary = describeLab(lab, values.T, classLabel);
  const last = lab.lastSample;

  const sampleNow = () => {
    animateNext.current = true;
    controller.current?.sample(request);
  };
  const trainFromScratch = () => configure(true, true);
  const canTrain = !!lab.model && !lab.configuring && !lab.sampling;
  const finished = training?.phase === 'done';
  const sourceNote = (() => {
    const s = lab.model?.source;
    if (!s) return null;
    if (s.kind === 'pretrained') {
      return `Pre-trained weights loaded: ${s.file} (${formatBytes(s.bytes)}; ${s.trainingSteps} training steps by a seeded script, final loss ${s.finalLoss.toFixed(3)}).`;
    }
    if (s.kind === 'untrained')
      return `No pre-trained weights for these settings: ${s.reason}. Train this model from scratch here.`;
    return `A model trained here from scratch (learning rate ${values.lr}, seed ${values.seed}).`;
  })();

  const classOptions: ClassChoice[] = (['any', '1', '2', '3'] as const).slice(0, numClasses + 1);
  const clsSpec = { ...params.cls, options: classOptions };

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={summary}
      backend={lab.backend ?? 'starting…'}
      state={state}
      error={lab.error}
    >
      <div
        class="denoiser-lab"
        data-source={source ?? ''}
        data-steps-per-second={training ? training.stepsPerSecond.toFixed(1) : ''}
        data-train-step={training?.step ?? ''}
        data-sample-ms={last ? last.ms.toFixed(1) : ''}
        data-quality={last ? last.quality.sw.toFixed(4) : ''}
        data-baseline={last ? last.quality.baseline.toFixed(4) : ''}
        data-class-fraction={last?.quality.classFraction ?? ''}
        data-threshold-step={training?.threshold?.step ?? ''}
        data-threshold-ms={training?.threshold ? training.threshold.ms.toFixed(0) : ''}
        data-frames={frames.length}
        data-tensors={lab.numTensors}
        data-backend={lab.backend ?? ''}
      >
        <fieldset class="lab-group">
          <legend>Data and model</legend>
          <ParamControls
            widgetId={id}
            specs={params}
            values={values}
            set={state.set}
            keys={['dataset', 'schedule', 'T', 'seed']}
          />
        </fieldset>
        {lab.dataError && (
          <p class="field-error" role="alert">
            {lab.dataError}
          </p>
        )}
        {sourceNote && <p class="chart-note">{sourceNote}</p>}
        {lab.fallbacks.length > 0 && (
          <p class="chart-note">
            Running on {lab.backend} because a faster backend could not start ({lab.fallbacks.join('; ')})
          </p>
        )}

        <fieldset class="lab-group">
          <legend>Sampling</legend>
          <div class="widget-controls">
            <ParamControl
              widgetId={id}
              name="sampler"
              spec={params.sampler}
              value={values.sampler}
              onChange={(v: never) => state.set('sampler', v)}
            />
            <ParamControl
              widgetId={id}
              name="steps"
              spec={{ ...params.steps, max: values.T }}
              value={steps}
              disabled={values.sampler === 'ddpm'}
              onChange={(v: never) => state.set('steps', v)}
            />
            <ParamControl
              widgetId={id}
              name="samples"
              spec={params.samples}
              value={values.samples}
              onChange={(v: never) => state.set('samples', v)}
            />
            {numClasses > 0 && (
              <ParamControl
                widgetId={id}
                name="cls"
                spec={clsSpec}
                value={cls === null ? 'any' : values.cls}
                onChange={(v: never) => state.set('cls', v)}
              />
            )}
            {numClasses > 0 && (
              <ParamControl
                widgetId={id}
                name="guidance"
                spec={params.guidance}
                value={values.guidance}
                disabled={cls === null}
                onChange={(v: never) => state.set('guidance', v)}
              />
            )}
            <ParamControl
              widgetId={id}
              name="fieldT"
              spec={{ ...params.fieldT, max: values.T }}
              value={fieldT}
              onChange={(v: never) => state.set('fieldT', v)}
            />
          </div>
          {values.steps > values.T && values.sampler === 'ddim' && (
            <p class="chart-note">
              DDIM steps: {values.steps} is more than T = {values.T}; using {steps}.
            </p>
          )}
          {values.fieldT > values.T && (
            <p class="chart-note">
              Field at t: {values.fieldT} is more than T = {values.T}; using {fieldT}.
            </p>
          )}
          {lab.model && numClasses === 0 && (
            <p class="chart-note">
              This data set has no labels, so there is no class to choose: samples are unconditional.
            </p>
          )}
          {lab.model && wantedClass !== null && wantedClass >= numClasses && numClasses > 0 && (
            <p class="chart-note">
              This data set has {numClasses} classes, so class {values.cls} does not exist: sampling any class.
            </p>
          )}
          <div class="widget-buttons">
            <button
              type="button"
              class="primary"
              disabled={status === 'loading' || !trained || trainingRunning || lab.sampling}
              onClick={sampleNow}
            >
              Sample
            </button>
            {lab.sampling && (
              <button type="button" onClick={() => controller.current?.stopSample()}>
                Stop sampling
              </button>
            )}
          </div>
          {lab.sampling && (
            <>
              <label class="progress-label" for={`${id}-sampling`}>
                Sampling step {frames.at(-1)?.step ?? 0} of {frames.at(-1)?.steps ?? '…'}
              </label>
              <progress
                id={`${id}-sampling`}
                max={Math.max(1, frames.at(-1)?.steps ?? 1)}
                value={frames.at(-1)?.step ?? 0}
              />
            </>
          )}
        </fieldset>

        <div class="chart-row">
          <div>
            <p class="chart-label">
              {frame
                ? `Sampling with ${describeSampler(request, values.T)}: step ${frame.step} of ${frame.steps}, t = ${frame.t}`
                : 'Data'}
            </p>
            <SamplesPlot
              data={data}
              points={frame?.points ?? null}
              label={
                frame
                  ? `Sampling step ${frame.step} of ${frame.steps} (t = ${frame.t}): samples in blue over the data in grey`
                  : 'The data in grey'
              }
            />
            {frames.length > 1 && (
              <div class="lab-scrubber">
                <label for={`${id}-frame`}>Sampling frame</label>
                <input
                  id={`${id}-frame`}
                  type="range"
                  min={0}
                  max={frames.length - 1}
                  step={1}
                  value={Math.min(frameIndex, frames.length - 1)}
                  aria-valuetext={frame ? `step ${frame.step} of ${frame.steps}, t = ${frame.t}` : ''}
                  disabled={lab.sampling}
                  onInput={(e) => {
                    setPlaying(false);
                    setFrameIndex(Number((e.currentTarget as HTMLInputElement).value));
                  }}
                />
                <div class="widget-buttons">
                  <button
                    type="button"
                    disabled={lab.sampling || frameIndex <= 0}
                    onClick={() => {
                      setPlaying(false);
                      setFrameIndex((i) => Math.max(0, i - 1));
                    }}
                  >
                    Previous frame
                  </button>
                  <button
                    type="button"
                    disabled={lab.sampling}
                    onClick={() => {
                      if (playing) setPlaying(false);
                      else {
                        if (frameIndex >= frames.length - 1) setFrameIndex(0);
                        setPlaying(true);
                      }
                    }}
                  >
                    {playing ? 'Pause animation' : 'Play animation'}
                  </button>
                  <button
                    type="button"
                    disabled={lab.sampling || frameIndex >= frames.length - 1}
                    onClick={() => {
                      setPlaying(false);
                      setFrameIndex((i) => Math.min(frames.length - 1, i + 1));
                    }}
                  >
                    Next frame
                  </button>
                </div>
              </div>
            )}
          </div>
          <div>
            <p class="chart-label">Learned direction field at t = {lab.field?.t ?? fieldT}</p>
            <PlotMount make={drawField} />
          </div>
        </div>

        <fieldset class="lab-group">
          <legend>Training</legend>
          <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={['trainSteps', 'lr']} />
          <div class="widget-buttons">
            {source !== 'scratch' ? (
              <button type="button" class="primary" disabled={!canTrain} onClick={trainFromScratch}>
                Train from scratch
              </button>
            ) : (
              <button
                type="button"
                class="primary"
                disabled={!canTrain || finished}
                onClick={() => (trainingRunning ? controller.current?.pause() : controller.current?.play())}
              >
                {trainingRunning ? 'Pause' : training && training.step > 0 ? 'Resume training' : 'Train'}
              </button>
            )}
            <button
              type="button"
              disabled={!canTrain || source !== 'scratch' || trainingRunning || finished}
              onClick={() => controller.current?.step()}
            >
              Step
            </button>
            <button type="button" disabled={!canTrain || source !== 'scratch'} onClick={() => configure(true, false)}>
              Reset training
            </button>
            {source === 'scratch' && values.dataset !== 'drawn' && values.T === 1000 && (
              <button type="button" disabled={!canTrain || trainingRunning} onClick={() => configure(false, false)}>
                Use pre-trained weights
              </button>
            )}
          </div>
          {training && (
            <>
              <label class="progress-label" for={`${id}-progress`}>
                Step {training.step} of {training.totalSteps}
                {training.stepsPerSecond > 0 && ` · ${training.stepsPerSecond.toFixed(0)} steps/s`}
                {lab.model && ` · ${lab.model.numParameters.toLocaleString('en')} parameters`}
              </label>
              <progress id={`${id}-progress`} max={Math.max(1, training.totalSteps)} value={training.step} />
            </>
          )}
        </fieldset>

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
        <dl class="lab-numbers">
          <div>
            <dt>Last sampling run</dt>
            <dd>
              {last
                ? `${last.request.n} points, ${describeSampler(last.request, values.T)}: ${last.ms.toFixed(0)} ms; sliced Wasserstein ${last.quality.sw.toFixed(3)}`
                : 'none yet'}
            </dd>
          </div>
          <div>
            <dt>References</dt>
            <dd>
              {last
                ? `noise baseline ${last.quality.baseline.toFixed(3)}, threshold ${(THRESHOLD_FRACTION * last.quality.baseline).toFixed(3)} (half the baseline), fresh data ${last.quality.floor.toFixed(3)}`
                : baseline > 0
                  ? `noise baseline ${baseline.toFixed(3)}, threshold ${(THRESHOLD_FRACTION * baseline).toFixed(3)}`
                  : '–'}
            </dd>
          </div>
          {last?.quality.classFraction != null && (
            <div>
              <dt>Nearest to class {(last.request.cls ?? 0) + 1}</dt>
              <dd>
                {Math.round(100 * last.quality.classFraction)}% of samples (guidance w = {last.request.guidance})
              </dd>
            </div>
          )}
          {training && (
            <div>
              <dt>Training speed</dt>
              <dd>
                {training.stepsPerSecond.toFixed(0)} steps/s
                {training.threshold
                  ? `; beat the threshold at step ${training.threshold.step} after ${(training.threshold.ms / 1000).toFixed(1)} s`
                  : `; threshold not reached yet (checked every ${QUALITY_EVERY} steps with ${QUALITY_CHECK.n} points, DDIM ${QUALITY_CHECK.steps})`}
              </dd>
            </div>
          )}
        </dl>
      </div>
    </WidgetShell>
  );
}

/**
 * The sampling plane: axes and grey data as an SVG chart, redrawn only when the data change, and the
 * moving samples painted on a canvas over it (cheap enough for ten frames a second of 2,000 points).
 * The chart's accessible name follows the frame.
 */
function SamplesPlot({
  data,
  points,
  label,
}: {
  data: Float32Array | null;
  points: Float32Array | null;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const chart = useRef<{ svg: Element; scales: PlaneScales } | null>(null);
  const latest = useRef({ points, label });
  latest.current = { points, label };
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!box.current) return;
      const svg = samplesChart(data ?? [], null, { label: latest.current.label });
      if (!canvas.current) {
        canvas.current = document.createElement('canvas');
        canvas.current.setAttribute('aria-hidden', 'true');
      }
      box.current.replaceChildren(svg, canvas.current);
      chart.current = { svg, scales: planeScales(svg) };
      paintPoints(canvas.current, latest.current.points, chart.current.scales);
    }, 0);
    return () => clearTimeout(timer);
  }, [data]);
  useEffect(() => {
    if (!chart.current || !canvas.current) return;
    paintPoints(canvas.current, points, chart.current.scales);
    chart.current.svg.setAttribute('aria-label', label);
  }, [points, label]);
  return <div ref={box} class="chart lab-plane" />;
}
