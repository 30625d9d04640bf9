/**
 * The live attention playground: settings, Train / Pause / Step / Reset model, progress, loss and
 * accuracy curves, the reader's own input with the model's answer, and every head's attention map.
 * Training runs in a Worker (controller.ts); this view only draws what the worker reports.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { pageBackendRequest } from '../../lib/backend-probe';
import { ParamControls } from '../../lib/ui/ParamControl';
import { PlotMount } from '../../lib/ui/PlotMount';
import { useWidgetState } from '../../lib/ui/use-widget-state';
import { WidgetShell, type WidgetStatus } from '../../lib/ui/WidgetShell';
import { countCorrect, formatToken, parseSequence, TASK_INFO } from '../../math/tasks';
import { defaultProbe } from '../../math/seeds';
import { accuracyChart, attentionHeatmap, attentionLegend, lossChart } from './charts';
import { INITIAL_STATE, PlaygroundController, type PlaygroundState } from './controller';
import { params, type PlaygroundParams } from './params';
import type { RunConfig } from './protocol';
import { describePlayground } from './summary';

interface Props {
  id: string;
  base: Partial<PlaygroundParams>;
}

const MODEL_KEYS = ['task', 'length', 'layers', 'heads', 'dModel', 'positional', 'lr', 'steps', 'seed'] as const;

/** Settings that shape the model or data (all but the reader's input); any change starts a fresh model. */
function runConfig(v: PlaygroundParams): RunConfig {
  const { input: _input, ...config } = v;
  return config;
}

export default function AttentionPlaygroundView({ id, base }: Props) {
  const state = useWidgetState(params, id, base);
  const { values } = state;
  const [run, setRun] = useState<PlaygroundState>(INITIAL_STATE);
  const controller = useRef<PlaygroundController | null>(null);

  // Heads must divide d_model: say so and leave the last valid model in place.
  const configError =
    values.dModel % values.heads === 0
      ? null
      : `Model width ${values.dModel} is not divisible by ${values.heads} heads: pick a width that is.`;

  // The reader's digits, or the seed's example when the field is empty.
  const parsed = useMemo(
    () =>
      values.input.trim() === ''
        ? { ok: true as const, digits: defaultProbe(values.seed, values.length) }
        : parseSequence(values.input, values.length),
    [values.input, values.seed, values.length],
  );
  const lastGoodProbe = useRef<number[]>(parsed.ok ? parsed.digits : defaultProbe(values.seed, values.length));
  if (parsed.ok) lastGoodProbe.current = parsed.digits;

  // One worker per mount; the backend order is read from the page (browser only, hence in the effect).
  useEffect(() => {
    const request = pageBackendRequest();
    if (request.notice) state.addNotice(request.notice);
    const c = new PlaygroundController(request.order, setRun);
    controller.current = c;
    return () => c.dispose();
  }, []);

  // A new model whenever a model or data setting changes (debounced: a dragged slider sends one).
  const configKey = JSON.stringify(runConfig(values));
  useEffect(() => {
    if (configError) return;
    const timer = setTimeout(() => {
      const probe = parsed.ok ? parsed.digits : defaultProbe(values.seed, values.length);
      controller.current?.configure(runConfig(values), probe);
    }, 150);
    return () => clearTimeout(timer);
  }, [configKey, configError]);

  // New reader input only re-inspects the current model.
  const probeKey = parsed.ok ? parsed.digits.join('') : '';
  useEffect(() => {
    if (parsed.ok && run.probe && run.probe.tokens.slice(0, values.length).join('') !== probeKey) {
      controller.current?.setProbe(parsed.digits);
    }
  }, [probeKey]);

  const running = run.phase === 'running';
  const finished = run.phase === 'done';
  // Ready once tfjs runs and there is a model to show, or a settings problem the reader must fix first.
  const hasModel = run.probe !== null;
  const status: WidgetStatus = run.error
    ? 'error'
    : !run.backend || (!hasModel && !configError)
      ? 'loading'
      : running
        ? 'running'
        : 'ready';

  const tokens = useMemo(() => run.probe?.tokens.map(formatToken) ?? [], [run.probe]);
  const drawLoss = useCallback(
    () => lossChart(run.loss, run.evalLoss, { totalSteps: run.totalSteps }),
    [run.loss, run.evalLoss, run.totalSteps],
  );
  const drawAccuracy = useCallback(
    () => accuracyChart(run.accuracy, { totalSteps: run.totalSteps }),
    [run.accuracy, run.totalSteps],
  );
  const attention = run.probe?.attention ?? [];

  const summary = describePlayground(values, run);
  const latestAccuracy = run.accuracy.at(-1)?.value ?? 0;

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={summary}
      backend={run.backend ?? 'starting…'}
      state={state}
      error={run.error}
    >
      <p class="widget-task">
        <strong>{TASK_INFO[values.task].label}:</strong> {TASK_INFO[values.task].description}
      </p>
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={[...MODEL_KEYS]} />
      {run.fallbacks.length > 0 && (
        <p class="chart-note">
          Running on {run.backend} because a faster backend could not start ({run.fallbacks.join('; ')})
        </p>
      )}
      {configError && (
        <p class="field-error" role="alert">
          {configError}
        </p>
      )}
      <div class="widget-buttons">
        <button
          type="button"
          class="primary"
          disabled={status === 'loading' || finished || !!configError}
          onClick={() => (running ? controller.current?.pause() : controller.current?.play())}
        >
          {running ? 'Pause' : run.step > 0 && !finished ? 'Resume training' : 'Train'}
        </button>
        <button
          type="button"
          disabled={status === 'loading' || running || finished || !!configError}
          onClick={() => controller.current?.step()}
        >
          Step
        </button>
        <button
          type="button"
          disabled={status === 'loading' || !!configError}
          onClick={() => controller.current?.configure(runConfig(values), lastGoodProbe.current)}
        >
          Reset model
        </button>
      </div>
      <label class="progress-label" for={`${id}-progress`}>
        Step {run.step} of {run.totalSteps}
        {run.stepsPerSecond > 0 && ` · ${run.stepsPerSecond.toFixed(0)} steps/s`}
        {run.numParameters > 0 && ` · ${run.numParameters.toLocaleString('en')} parameters`}
      </label>
      <progress id={`${id}-progress`} max={Math.max(1, run.totalSteps)} value={run.step} />
      <div
        class="chart-row"
        data-step={run.step}
        data-accuracy={latestAccuracy.toFixed(4)}
        data-steps-per-second={run.stepsPerSecond.toFixed(1)}
        data-tensors={run.numTensors}
        data-backend={run.backend ?? ''}
      >
        <div>
          <p class="chart-label">Loss</p>
          <PlotMount make={drawLoss} />
        </div>
        <div>
          <p class="chart-label">Held-out token accuracy</p>
          <PlotMount make={drawAccuracy} />
        </div>
      </div>

      <div class="playground-probe">
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
            onInput={(e) => state.set('input', (e.currentTarget as HTMLInputElement).value)}
          />
          <small id={`${id}-input-help`} class={parsed.ok ? undefined : 'field-error'}>
            {parsed.ok ? 'Digits 0–9; spaces optional. Leave empty for the example shown.' : parsed.message}
          </small>
        </div>
        {run.probe && <ProbeOutput probe={run.probe} />}
      </div>

      {attention.length > 0 && (
        <div class="attention-grid">
          <PlotMount make={attentionLegend} />
          {attention.map((layer, l) => (
            <div key={l}>
              <p class="chart-label">Layer {l + 1}</p>
              <div class="chart-row">
                {layer.map((head, h) => (
                  <div key={h}>
                    <p class="chart-label">Head {h + 1}</p>
                    <AttentionMap
                      weights={head}
                      tokens={tokens}
                      label={`Layer ${l + 1}, head ${h + 1} attention weight`}
                    />
                  </div>
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
    </WidgetShell>
  );
}

function AttentionMap(props: { weights: number[][]; tokens: string[]; label: string }) {
  const { weights, tokens, label } = props;
  const make = useCallback(() => attentionHeatmap(weights, tokens, label), [weights, tokens, label]);
  return <PlotMount make={make} />;
}

function ProbeOutput({ probe }: { probe: NonNullable<PlaygroundState['probe']> }) {
  const n = probe.expected.length;
  const question = probe.tokens.slice(0, n).map(formatToken).join(' ');
  const right = countCorrect(probe.generated, probe.expected);
  return (
    <dl class="probe-output">
      <div>
        <dt>Question</dt>
        <dd>{question} |</dd>
      </div>
      <div>
        <dt>Correct answer</dt>
        <dd>{probe.expected.map(formatToken).join(' ')}</dd>
      </div>
      <div>
        <dt>Model writes</dt>
        <dd>
          {probe.generated.map((t, i) => (
            <span key={i} class={t === probe.expected[i] ? 'token-right' : 'token-wrong'}>
              {formatToken(t)}
              <span class="visually-hidden">{t === probe.expected[i] ? ' (right)' : ' (wrong)'}</span>{' '}
            </span>
          ))}
          ({right} of {n} right)
        </dd>
      </div>
    </dl>
  );
}
