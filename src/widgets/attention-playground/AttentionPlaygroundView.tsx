/**
 * The live attention playground: settings, run controls, loss and accuracy curves, the reader's own
 * input with the model's answer, and every head's attention map. Training runs in a Worker
 * (controller.ts); this view only draws what the worker reports.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, RunControls } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { defaultProbe } from '../../math/seeds';
import { parseSequence, TASK_INFO } from '../../math/tasks';
import { INITIAL_STATE, PlaygroundController } from './controller';
import { params, type PlaygroundParams } from './params';
import { AttentionMaps, ProbeInput, TrainingCurves } from './PlaygroundParts';
import type { RunConfig } from './protocol';
import { describePlayground } from './summary';

const MODEL_KEYS = ['task', 'length', 'layers', 'heads', 'dModel', 'positional', 'lr', 'steps', 'seed'] as const;

/** Settings that shape the model or data (all but the reader's input); any change starts a fresh model. */
function runConfig(v: PlaygroundParams): RunConfig {
  const { input: _input, ...config } = v;
  return config;
}

/** Heads must divide d_model: say so (and keep the last valid model) rather than fail in the worker. */
export function configProblem(v: Pick<PlaygroundParams, 'dModel' | 'heads'>): string | null {
  return v.dModel % v.heads === 0
    ? null
    : `Model width ${v.dModel} is not divisible by ${v.heads} heads: pick a width that is.`;
}

export default function AttentionPlaygroundView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: run,
    status: workerStatus,
  } = useModelWidget(params, props, (o) => new PlaygroundController(o), INITIAL_STATE);
  const { values } = state;
  const configError = configProblem(values);

  // The reader's digits, or the seed's example when the field is empty; the last valid ones stay on show.
  const parsed = useMemo(
    () =>
      values.input.trim() === ''
        ? { ok: true as const, digits: defaultProbe(values.seed, values.length) }
        : parseSequence(values.input, values.length),
    [values.input, values.seed, values.length],
  );
  const lastGoodProbe = useRef<number[]>(parsed.ok ? parsed.digits : defaultProbe(values.seed, values.length));
  if (parsed.ok) lastGoodProbe.current = parsed.digits;

  // A new model whenever a model or data setting changes (debounced: a dragged slider sends one).
  const configKey = JSON.stringify(runConfig(values));
  useEffect(() => {
    if (configError || !controller) return;
    const timer = setTimeout(() => controller.configure(runConfig(values), lastGoodProbe.current), 150);
    return () => clearTimeout(timer);
  }, [configKey, configError, controller]);

  // New reader input only re-inspects the current model.
  const probeKey = parsed.ok ? parsed.digits.join('') : '';
  useEffect(() => {
    if (parsed.ok && run.probe && run.probe.tokens.slice(0, values.length).join('') !== probeKey) {
      controller?.setProbe(parsed.digits);
    }
  }, [probeKey]);

  // A settings problem the reader must fix first still counts as ready: the widget answers, with a message.
  const status = workerStatus === 'loading' && configError && run.backend ? 'ready' : workerStatus;
  const latestAccuracy = run.accuracy.at(-1)?.value ?? 0;

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describePlayground(values, run)}
      backend={run.backend ?? 'starting…'}
      state={state}
      error={run.error}
      metrics={{
        step: run.progress.step,
        accuracy: latestAccuracy,
        stepsPerSecond: run.progress.stepsPerSecond,
        stepsTo95: run.stepsTo95,
        tensors: run.numTensors,
        backend: run.backend,
      }}
    >
      <p class="widget-task">
        <strong>{TASK_INFO[values.task].label}:</strong> {TASK_INFO[values.task].description}
      </p>
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={[...MODEL_KEYS]} />
      <BackendNote backend={run.backend} fallbacks={run.fallbacks} />
      {configError && (
        <p class="field-error" role="alert">
          {configError}
        </p>
      )}
      <RunControls
        id={id}
        progress={run.progress}
        disabled={status === 'loading' || !!configError}
        onPlay={() => controller?.play()}
        onPause={() => controller?.pause()}
        onStep={() => controller?.step()}
        onReset={() => controller?.configure(runConfig(values), lastGoodProbe.current)}
        labels={{ reset: 'Reset model' }}
        detail={run.numParameters > 0 ? `${run.numParameters.toLocaleString('en')} parameters` : undefined}
      />
      <TrainingCurves
        loss={run.loss}
        evalLoss={run.evalLoss}
        accuracy={run.accuracy}
        totalSteps={run.progress.totalSteps}
      />
      <ProbeInput
        id={id}
        length={values.length}
        value={values.input}
        placeholder={defaultProbe(values.seed, values.length).join(' ')}
        maxLength={params.input.maxLength}
        parsed={parsed}
        onInput={(text) => state.set('input', text)}
        probe={run.probe}
      />
      {run.probe && <AttentionMaps probe={run.probe} />}
    </WidgetShell>
  );
}
