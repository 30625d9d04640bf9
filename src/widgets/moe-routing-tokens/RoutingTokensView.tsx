/**
 * The live routing-tokens widget: settings, run controls, curves, the reader's tokens with the experts
 * the router picks for them, and each layer's routing by token. Training runs in a Worker.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, RunControls } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { defaultProbe } from '../../math/seeds';
import { parseSequence, TASK_INFO } from '../../math/tasks';
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
  const parsed = useMemo(
    () =>
      values.input.trim() === ''
        ? { ok: true as const, digits: defaultProbe(values.seed, values.length) }
        : parseSequence(values.input, values.length),
    [values.input, values.seed, values.length],
  );
  const lastGood = useRef<number[]>(parsed.ok ? parsed.digits : defaultProbe(values.seed, values.length));
  if (parsed.ok) lastGood.current = parsed.digits;

  const { input: _input, ...modelValues } = values;
  const configKey = JSON.stringify(modelValues);
  useEffect(() => {
    if (!controller) return;
    const timer = setTimeout(() => controller.configure(tokensRunConfig(values), lastGood.current), 150);
    return () => clearTimeout(timer);
  }, [configKey, controller]);

  const probeKey = parsed.ok ? parsed.digits.join('') : '';
  useEffect(() => {
    if (parsed.ok && rt.probe && rt.probe.tokens.slice(0, values.length).join('') !== probeKey) {
      controller?.setProbe(parsed.digits);
    }
  }, [probeKey]);

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
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={[...MODEL_KEYS]} />
      <BackendNote backend={rt.backend} fallbacks={rt.fallbacks} />
      <RunControls
        id={id}
        progress={rt.progress}
        disabled={status === 'loading'}
        onPlay={() => controller?.play()}
        onPause={() => controller?.pause()}
        onStep={() => controller?.step()}
        onReset={() => controller?.configure(tokensRunConfig(values), lastGood.current)}
        labels={{ reset: 'Reset model' }}
        detail={
          rt.numParameters > 0
            ? `${rt.numParameters.toLocaleString('en')} parameters, ${rt.activeParameters.toLocaleString('en')} active per token; ${rt.capacity} slots per expert`
            : undefined
        }
      />
      <TokensCurves loss={rt.loss} evalLoss={rt.evalLoss} accuracy={rt.accuracy} totalSteps={rt.progress.totalSteps} />
      <div class="control control-text">
        <label for={`${id}-input`}>Your input ({values.length} digits)</label>
        <input
          id={`${id}-input`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={values.input}
          placeholder={defaultProbe(values.seed, values.length).join(' ')}
          maxLength={params.input.maxLength}
          aria-invalid={!parsed.ok}
          aria-describedby={`${id}-input-help`}
          onInput={(ev) => state.set('input', (ev.currentTarget as HTMLInputElement).value)}
        />
        <small id={`${id}-input-help`} class={parsed.ok ? undefined : 'field-error'}>
          {parsed.ok ? 'Digits 0–9; spaces optional. Leave empty for the example shown.' : parsed.message}
        </small>
      </div>
      {rt.probe && <TokenRouting probe={rt.probe} />}
      {e && <ByToken e={e} n={values.length} />}
    </WidgetShell>
  );
}
