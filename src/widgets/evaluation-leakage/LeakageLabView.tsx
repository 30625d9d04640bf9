/**
 * The live leakage lab: the Worker trains one model per protocol on the collected digits and scores it
 * on the protocol's own test split and on clean held-out digits; this view only draws what it reports.
 */
import { useEffect, useRef } from 'preact/hooks';
import { formatCount } from '../../lib/format';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, ProgressBar } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { LEAK_PROTOCOLS } from '../../math/evaluation-leakage';
import { INITIAL_STATE, LeakageController } from './controller';
import { LeakTable, ScoresPanel } from './LeakageParts';
import { params } from './params';
import { describeLeakage } from './summary';

/** Held-out digits (src/ml/evaluation-leakage.ts HELD_OUT; the page imports no value from src/ml). */
const HELD_OUT = 1000;

export default function LeakageLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: w,
    status,
  } = useModelWidget(params, props, (o) => new LeakageController(o), INITIAL_STATE);
  const { values } = state;
  // Results describe the settings they were trained with: a change of settings clears them.
  const key = JSON.stringify(values);
  const trained = useRef(key);
  useEffect(() => {
    if (trained.current !== key) controller?.clear();
    trained.current = key;
  }, [controller, key]);
  const running = status === 'running';
  const r = w.results;
  const inflation = (key: keyof typeof r) => r[key]?.inflation ?? null;
  const label = w.progress ? LEAK_PROTOCOLS.find((p) => p.id === w.progress!.protocol)!.label : '';
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeLeakage(r, { error: w.error, done: w.done, running })}
      backend={w.backend ?? 'starting…'}
      state={state}
      error={w.error}
      metrics={{
        protocolsDone: Object.keys(r).length,
        inflationClean: inflation('clean'),
        inflationDuplicates: inflation('duplicates'),
        inflationDedupe: inflation('dedupe'),
        inflationStamp: inflation('stamp'),
        inflationAugment: inflation('augment'),
        inflationAll: inflation('all'),
        heldOutClean: r.clean?.heldOutAccuracy ?? null,
        stepsPerSecond: w.progress ? Math.round(w.progress.stepsPerSecond) : null,
        computeMs: w.computeMs !== null ? Math.round(w.computeMs) : null,
        tensors: w.numTensors,
        backend: w.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} />
      <BackendNote backend={w.backend} fallbacks={w.fallbacks} />
      <div class="widget-buttons">
        <button
          type="button"
          class="primary"
          disabled={!controller || running}
          onClick={() => controller?.study({ ...values })}
        >
          {w.done ? 'Train again' : 'Train the six protocols'}
        </button>
        <button type="button" disabled={!running} onClick={() => controller?.stop()}>
          Stop
        </button>
      </div>
      {!w.settings && !w.done && Object.keys(r).length === 0 && (
        <p class="chart-note">
          Train runs the six protocols one after another ({formatCount(6 * values.steps)} steps in all) and fills the
          chart and the table as each finishes.
        </p>
      )}
      {w.progress && (
        <ProgressBar
          id={`${id}-progress`}
          value={w.progress.done}
          max={w.progress.total}
          label={`Training ${formatCount(w.progress.done)} of ${formatCount(w.progress.total)} steps (now: ${label})`}
        />
      )}
      {Object.keys(r).length > 0 && <ScoresPanel results={r} heldOut={HELD_OUT} />}
      {(w.settings || Object.keys(r).length > 0) && <LeakTable results={r} />}
    </WidgetShell>
  );
}
