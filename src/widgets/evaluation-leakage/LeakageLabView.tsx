/**
 * The live leakage lab: the Worker trains one model per protocol on the collected digits and scores it
 * on the protocol's own test split and on clean held-out digits; this view only draws what it reports.
 */
import { useEffect } from 'preact/hooks';
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
  useEffect(() => {
    controller?.study({ ...values });
  }, [controller, values.model, values.sources, values.copies, values.steps, values.seed]);
  const r = w.results;
  const inflation = (key: keyof typeof r) => r[key]?.inflation ?? null;
  const label = w.progress ? LEAK_PROTOCOLS.find((p) => p.id === w.progress!.protocol)!.label : '';
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeLeakage(r, { error: w.error, done: w.done })}
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
      {w.progress && (
        <ProgressBar
          id={`${id}-progress`}
          value={w.progress.done}
          max={w.progress.total}
          label={`Training ${formatCount(w.progress.done)} of ${formatCount(w.progress.total)} steps (now: ${label})`}
        />
      )}
      {Object.keys(r).length > 0 && <ScoresPanel results={r} heldOut={HELD_OUT} />}
      <LeakTable results={r} />
    </WidgetShell>
  );
}
