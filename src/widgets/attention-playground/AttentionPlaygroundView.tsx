/**
 * The live attention playground: settings, run controls, loss and accuracy curves, the reader's own
 * input with the model's answer, and every head's attention map. Training runs in a Worker
 * (controller.ts); this view only draws what the worker reports.
 */
import { TrainingControls } from '../../lib/ui/TrainingControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { statusWithProblem, useReconfigure } from '../../lib/ui/use-reconfigure';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { TASK_INFO } from '../../math/tasks';
import { useSequenceProbe } from '../sequence-shared/use-sequence-probe';
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

  const { parsed, lastGood } = useSequenceProbe(values, run.probe?.tokens ?? null, (d) => controller?.setProbe(d));
  const configure = controller && (() => controller.configure(runConfig(values), lastGood.current));
  useReconfigure(JSON.stringify(runConfig(values)), configError, configure);
  const status = statusWithProblem(workerStatus, configError, run.backend !== null);
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
      <TrainingControls
        id={id}
        specs={params}
        values={values}
        set={state.set}
        keys={[...MODEL_KEYS]}
        backend={run.backend}
        fallbacks={run.fallbacks}
        problem={configError}
        status={status}
        progress={run.progress}
        trainer={controller}
        onReset={() => controller?.configure(runConfig(values), lastGood.current)}
        resetLabel="Reset model"
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
        seed={values.seed}
        value={values.input}
        maxLength={params.input.maxLength}
        parsed={parsed}
        onInput={(text) => state.set('input', text)}
        probe={run.probe}
      />
      {run.probe && <AttentionMaps probe={run.probe} />}
    </WidgetShell>
  );
}
