/**
 * The live routing-tokens widget: settings, run controls, curves, the reader's tokens with the experts
 * the router picks for them, and each layer's routing by token. Training runs in a Worker.
 */
import { TrainingControls } from '../../lib/ui/TrainingControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { useReconfigure } from '../../lib/ui/use-reconfigure';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { TASK_INFO } from '../../math/tasks';
import { SequenceInput } from '../sequence-shared/SequenceInput';
import { useSequenceProbe } from '../sequence-shared/use-sequence-probe';
import { tokensRunConfig } from './config';
import { INITIAL_STATE, RoutingTokensController } from './controller';
import { params } from './params';
import { describeTokens } from './summary';
import { ByToken, TokenRouting, TokensCurves } from './TokensParts';

const MODEL_KEYS = [
  'task',
  'length',
  'layers',
  'experts',
  'topK',
  'alpha',
  'capacityFactor',
  'lr',
  'steps',
  'seed',
] as const;

export default function RoutingTokensView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: rt,
    status,
  } = useModelWidget(params, props, (o) => new RoutingTokensController(o), INITIAL_STATE);
  const { values } = state;
  const { parsed, lastGood } = useSequenceProbe(values, rt.probe?.tokens ?? null, (d) => controller?.setProbe(d));
  const { input: _input, ...modelValues } = values;
  const configure = controller && (() => controller.configure(tokensRunConfig(values), lastGood.current));
  useReconfigure(JSON.stringify(modelValues), null, configure);

  const e = rt.evaluation;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeTokens(rt)}
      backend={rt.backend ?? 'starting…'}
      state={state}
      error={rt.error}
      metrics={{
        step: rt.progress.step,
        accuracy: rt.accuracy.at(-1)?.value ?? null,
        loadCv: e ? e.cv[0] : null,
        dropped: e ? e.dropped[0] : null,
        stepsPerSecond: rt.progress.stepsPerSecond,
        tensors: rt.numTensors,
        backend: rt.backend,
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
        backend={rt.backend}
        fallbacks={rt.fallbacks}
        problem={null}
        status={status}
        progress={rt.progress}
        trainer={controller}
        onReset={() => controller?.configure(tokensRunConfig(values), lastGood.current)}
        resetLabel="Reset model"
        detail={
          rt.numParameters > 0
            ? `${rt.numParameters.toLocaleString('en')} parameters, ${rt.activeParameters.toLocaleString('en')} active per token; ${rt.capacity} slots per expert`
            : undefined
        }
      />
      <TokensCurves loss={rt.loss} evalLoss={rt.evalLoss} accuracy={rt.accuracy} totalSteps={rt.progress.totalSteps} />
      <SequenceInput
        id={id}
        length={values.length}
        seed={values.seed}
        value={values.input}
        maxLength={params.input.maxLength}
        parsed={parsed}
        onInput={(text) => state.set('input', text)}
      />
      {rt.probe && <TokenRouting probe={rt.probe} />}
      {e && <ByToken e={e} n={values.length} />}
    </WidgetShell>
  );
}
