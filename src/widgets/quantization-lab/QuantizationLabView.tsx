/**
 * The live quantization lab: a shipped zoo model's weights quantized in the Worker under the reader's
 * scheme, scored on the 2,000 test digits, swept over the bit widths and timed. The view sends a new
 * request whenever the settings rest, and draws what the worker reports.
 */
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, ProgressBar } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { useReconfigure } from '../../lib/ui/use-reconfigure';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { INITIAL_STATE, QuantLabController } from './controller';
import { ResultPanel } from './LabParts';
import { params, type QuantLabParams } from './params';
import type { QuantizeRequest } from './protocol';
import { describeQuantLab } from './summary';

/** The worker's request for these settings (the layer is 1-based in the URL, 0-based in the worker). */
export function quantizeRequest(v: QuantLabParams): QuantizeRequest {
  return {
    model: v.model,
    scheme: { bits: v.bits, mode: v.mode, granularity: v.granularity, clipping: v.clipping },
    layer: v.layer - 1,
    batch: v.batch,
  };
}

export default function QuantizationLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: s,
    status,
  } = useModelWidget(params, props, (o) => new QuantLabController(o), INITIAL_STATE);
  const { values } = state;
  // A new study whenever a setting changes (debounced: a dragged slider sends one).
  useReconfigure(
    JSON.stringify(quantizeRequest(values)),
    null,
    controller && (() => controller.quantize(quantizeRequest(values))),
  );

  const r = s.result;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeQuantLab(s)}
      backend={s.backend ?? 'starting…'}
      state={state}
      error={s.error}
      metrics={{
        bits: r?.request.scheme.bits ?? null,
        bytes: r?.summary.bytes ?? null,
        floatBytes: r?.float.bytes ?? null,
        accuracy: r?.accuracy ?? null,
        floatAccuracy: r?.float.accuracy ?? null,
        maxError: r?.summary.maxError ?? null,
        meanError: r?.summary.meanError ?? null,
        quantizedMs: r ? Number(r.latency.quantizedMs.toFixed(2)) : null,
        floatMs: r ? Number(r.latency.floatMs.toFixed(2)) : null,
        sweepRows: s.rows.length,
        tensors: s.numTensors,
        backend: s.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} />
      <BackendNote backend={s.backend} fallbacks={s.fallbacks} />
      {s.phase === 'running' && (
        <ProgressBar
          id={`${id}-progress`}
          value={s.progress.done}
          max={s.progress.total || 1}
          label={`Quantizing and scoring: ${s.progress.step}…`}
        />
      )}
      {r && <ResultPanel id={id} result={r} rows={s.rows} backend={s.backend} />}
    </WidgetShell>
  );
}
