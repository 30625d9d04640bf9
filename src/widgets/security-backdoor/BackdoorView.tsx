/**
 * The live backdoor lab: the reader draws a trigger, picks a target class and a poison rate, and the
 * Worker poisons the training split, retrains a zoo model on it, scores it clean and triggered, and runs
 * the spectral-signature check; then any digit can be stamped and sent through the backdoored model.
 * The worker does the math (src/math/security-backdoor.ts, src/ml/security-backdoor.ts); this view draws.
 */
import { useEffect } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, ProgressBar } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { DigitInput, useResolvedDigitInput } from '../zoo-shared/DigitInput';
import { digitRequest } from '../zoo-shared/zoo-state';
import { ResultPanel, StampPanel, TriggerEditor } from './BackdoorParts';
import { BackdoorController, INITIAL_STATE } from './controller';
import { params } from './params';
import { backdoorRequest, triggerProblem } from './request';
import { describeBackdoor } from './summary';

export default function BackdoorView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const { state, controller, worker, status } = useModelWidget(
    params,
    props,
    (o) => new BackdoorController(o),
    INITIAL_STATE,
  );
  const { values } = state;
  const problem = triggerProblem(values.trigger);
  const p = worker.progress;
  const r = worker.result;
  const busy = p !== null && (p.phase === 'loading' || p.phase === 'running' || p.phase === 'checking');
  const request = backdoorRequest(values);
  const stale = r !== null && JSON.stringify(r.request) !== JSON.stringify(request);

  const resolved = useResolvedDigitInput(values);
  const blank = resolved.kind === 'drawn' && !resolved.preprocessed.hasInk;
  const digitKey = JSON.stringify([resolved.kind, resolved.kind === 'test' ? resolved.testIndex : values.drawing]);
  useEffect(() => {
    if (!controller || !r || blank) return;
    const timer = setTimeout(() => {
      const digit =
        resolved.kind === 'test'
          ? ({ kind: 'test', index: resolved.testIndex } as const)
          : digitRequest({ kind: 'pixels', pixels: resolved.preprocessed.pixels });
      controller.stampDigit(digit);
    }, 80);
    return () => clearTimeout(timer);
  }, [controller, r, digitKey, blank]);

  const stamp = worker.stamp;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeBackdoor(p, r, worker.error, problem)}
      backend={worker.backend ?? 'starting…'}
      state={state}
      error={worker.error}
      metrics={{
        poisoned: r ? r.poisoned : null,
        cleanAccuracy: r ? r.cleanAccuracy : null,
        attackSuccess: r ? r.attackSuccess : null,
        precision: r && r.poisoned > 0 ? r.detection.precision : null,
        recall: r && r.poisoned > 0 ? r.detection.recall : null,
        trainMs: r ? Math.round(r.trainMs) : null,
        stepsPerSecond: p && p.stepsPerSecond > 0 ? Math.round(p.stepsPerSecond) : null,
        tensors: worker.numTensors,
        backend: worker.backend,
      }}
    >
      <TriggerEditor id={id} text={values.trigger} onChange={(t) => state.set('trigger', t)} disabled={busy} />
      {problem && (
        <p class="widget-error" role="alert">
          The trigger cannot be used: {problem}.
        </p>
      )}
      <ParamControls
        widgetId={id}
        specs={params}
        values={values}
        set={state.set}
        keys={['model', 'target', 'rate', 'steps', 'seed']}
        disabled={busy}
      />
      <BackendNote backend={worker.backend} fallbacks={worker.fallbacks} />
      <div class="run-controls">
        <button
          type="button"
          disabled={busy || status === 'loading' || problem !== null}
          onClick={() => controller?.run(request)}
        >
          Poison and retrain
        </button>{' '}
        <button type="button" disabled={!busy} onClick={() => controller?.stop()}>
          Stop
        </button>
      </div>
      {p && p.phase !== 'done' && (
        <ProgressBar id={`${id}-progress`} value={p.step} max={Math.max(1, p.totalSteps)} label="Training steps" />
      )}
      {p && (p.phase === 'paused' || p.phase === 'cancelled') && (
        <p class="chart-note">
          Stopped at step {p.step}: a stopped run has no result. Press “Poison and retrain” again.
        </p>
      )}
      {r && <ResultPanel result={r} stale={stale} />}
      <p class="bd-heading">
        <strong>Stamp the trigger on a digit</strong>
      </p>
      {r ? (
        <>
          <DigitInput
            id={id}
            values={values}
            set={state.set}
            testPixels={stamp && stamp.digit === 'test' ? stamp.pixels : null}
            onNotice={state.addNotice}
          />
          {blank ? (
            <p class="chart-note">Draw a digit on the pad to stamp the trigger on it.</p>
          ) : (
            stamp && <StampPanel stamp={stamp} />
          )}
        </>
      ) : (
        <p class="chart-note">
          Train a backdoored model first; then pick or draw any digit and stamp the trigger on it.
        </p>
      )}
    </WidgetShell>
  );
}
