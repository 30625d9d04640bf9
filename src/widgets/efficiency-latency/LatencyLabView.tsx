/**
 * The live latency lab: every zoo model and its compressed variants timed in the Worker on the page's
 * backend (warm-up runs discarded, medians reported), a size × accuracy × latency chart, and an
 * edge-versus-cloud calculator fed by the measured time. A new measurement starts when the measuring
 * settings rest; the calculator recomputes on the page from the measured rows.
 */
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, ProgressBar } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { useReconfigure } from '../../lib/ui/use-reconfigure';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { INITIAL_STATE, LatencyLabController } from './controller';
import { CalculatorPanel, TimingTable, TradeoffPanel } from './LatencyParts';
import { BATCH_SETS, CALCULATOR_KEYS, latencyRequest, MEASURE_KEYS, params, VARIANT_LABELS } from './params';
import { calculator, chosenTiming, describeLatencyLab } from './summary';

export default function LatencyLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: s,
    status,
  } = useModelWidget(params, props, (o) => new LatencyLabController(o), INITIAL_STATE);
  const { values } = state;
  // A new study whenever a setting changes (debounced: a dragged slider sends one).
  useReconfigure(
    JSON.stringify(latencyRequest(values)),
    null,
    controller && (() => controller.measure(latencyRequest(values))),
  );
  const k = calculator(s, values);
  const c = chosenTiming(s, values.variant);
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeLatencyLab(s, values)}
      backend={s.backend ?? 'starting…'}
      state={state}
      error={s.error}
      metrics={{
        timed: s.rows.length,
        deviceMs: c ? Number(c.ms.toFixed(3)) : null,
        cloudMs: k?.cloudMs ?? null,
        costPer1000: k ? Number(k.costPer1000.toPrecision(3)) : null,
        tensors: s.numTensors,
        backend: s.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={[...MEASURE_KEYS]} />
      <BackendNote backend={s.backend} fallbacks={s.fallbacks} />
      <p class="latency-note">
        To time another backend, open the page with <code>?backend=wasm</code>, <code>?backend=webgl</code> or{' '}
        <code>?backend=cpu</code> in its address: a page runs one backend.
      </p>
      {s.phase === 'running' && (
        <ProgressBar
          id={`${id}-progress`}
          value={s.progress.done}
          max={s.progress.total || 1}
          label={`Timing: ${s.progress.step}…`}
        />
      )}
      {s.rows.length > 0 && (
        <>
          <TimingTable rows={s.rows} batches={BATCH_SETS[values.batches]} backend={s.backend} />
          <div class="chart-row">
            <TradeoffPanel rows={s.rows} />
          </div>
        </>
      )}
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={[...CALCULATOR_KEYS]} />
      {k ? (
        <CalculatorPanel id={id} k={k} label={VARIANT_LABELS[values.variant]} />
      ) : (
        <p>The calculator starts once {VARIANT_LABELS[values.variant]} has been timed.</p>
      )}
    </WidgetShell>
  );
}
