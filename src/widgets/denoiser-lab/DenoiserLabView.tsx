/**
 * The live denoiser lab: settings, a pre-trained or live-trained model, sampling animated from noise to
 * data with a scrubber, the learned direction field, and the loss and quality curves. All computing
 * happens in a Worker, and what the lab does by itself is decided in controller.ts; this view turns
 * the reader's settings into the lab's settings and lays out the parts (LabParts.tsx).
 */
import { useEffect, useMemo } from 'preact/hooks';
import { formatBytes } from '../../lib/format';
import { BackendNote } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { decodeDrawing } from '../diffusion-shared/points-codec';
import { INITIAL_STATE, LabController, type LabSettings, type LabState } from './controller';
import { LabCharts, LabNumbers, LabSampling, LabTraining, ModelControls } from './LabParts';
import { LabPlanes } from './LabPlane';
import { modelClass, params, type LabParams } from './params';
import { describeLab } from './summary';

/** The lab's settings from the reader's values; a class the data lack falls back to 'any' (null). */
export function labSettings(v: LabParams, numClasses: number): LabSettings {
  const wanted = modelClass(v.cls);
  const cls = wanted !== null && wanted < numClasses ? wanted : null;
  const guidance = cls === null ? 0 : v.guidance;
  return {
    config: { dataset: v.dataset, points: v.points, schedule: v.schedule, T: v.T, seed: v.seed, lr: v.lr },
    trainSteps: v.trainSteps,
    request: { method: v.sampler, steps: Math.min(v.steps, v.T), n: v.samples, cls, guidance },
    field: { t: Math.min(v.fieldT, v.T), cls, guidance },
  };
}

function sourceNote(lab: LabState, v: LabParams): string | null {
  const s = lab.model?.source;
  if (!s) return null;
  if (s.kind === 'pretrained') {
    return `Pre-trained weights loaded: ${s.file} (${formatBytes(s.bytes)}; ${s.trainingSteps} training steps by a seeded script, final loss ${s.finalLoss.toFixed(3)}).`;
  }
  if (s.kind === 'untrained')
    return `No pre-trained weights for these settings: ${s.reason}. Train this model from scratch here.`;
  return `A model trained here from scratch (learning rate ${v.lr}, seed ${v.seed}).`;
}

export default function DenoiserLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: lab,
    status,
  } = useModelWidget(params, props, (o) => new LabController(o), INITIAL_STATE);
  const { values } = state;
  const numClasses = lab.model?.numClasses ?? 0;
  const settings = useMemo(() => labSettings(values, numClasses), [values, numClasses]);

  // Notes about the URL's drawing (unreadable parts dropped), shown once.
  useEffect(() => {
    if (values.dataset === 'drawn' && values.points !== '') {
      const notice = decodeDrawing(values.points).notice;
      if (notice) state.addNotice(notice);
    }
  }, []);

  // Debounced: a dragged slider sends one change. The first settings build the first model.
  const settingsKey = JSON.stringify(settings);
  useEffect(() => {
    if (!controller) return;
    const timer = setTimeout(() => controller.useSettings(settings), lab.run === null ? 0 : 150);
    return () => clearTimeout(timer);
  }, [settingsKey, controller]);

  const training = lab.training;
  const last = lab.lastSample;
  const classLabel = settings.request.cls === null ? null : `class ${settings.request.cls + 1}`;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeLab(lab, values.T, classLabel)}
      backend={lab.backend ?? 'starting…'}
      state={state}
      error={lab.error}
      metrics={{
        source: lab.model?.source.kind ?? null,
        stepsPerSecond: training ? training.progress.stepsPerSecond : null,
        trainStep: training?.progress.step ?? null,
        sampleMs: last?.ms ?? null,
        quality: last?.quality.sw ?? null,
        baseline: last?.quality.baseline ?? null,
        classFraction: last?.quality.classFraction ?? null,
        thresholdStep: training?.threshold?.step ?? null,
        thresholdMs: training?.threshold?.ms ?? null,
        frames: lab.frames.length,
        tensors: lab.numTensors,
        backend: lab.backend,
      }}
    >
      <div class="denoiser-lab">
        <ModelControls id={id} state={state} dataError={lab.dataError} note={sourceNote(lab, values)} />
        <BackendNote backend={lab.backend} fallbacks={lab.fallbacks} />
        <LabSampling id={id} state={state} lab={lab} settings={settings} status={status} controller={controller} />
        <LabPlanes id={id} lab={lab} settings={settings} T={values.T} />
        <LabTraining id={id} state={state} lab={lab} controller={controller} />
        <LabCharts lab={lab} trainSteps={values.trainSteps} />
        <LabNumbers lab={lab} T={values.T} />
      </div>
    </WidgetShell>
  );
}
