/**
 * The live distillation lab: the shipped CNN teaches two small students in the Worker, one on hard
 * labels and one on soft targets, from the same seed; the view sends a new request whenever the
 * settings rest and draws what the worker reports.
 */
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, ProgressBar } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { useReconfigure } from '../../lib/ui/use-reconfigure';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { DistillLabController, INITIAL_STATE } from './controller';
import { DistillPanel } from './DistillParts';
import { distillRequest, params } from './params';
import { describeDistillLab } from './summary';

export default function DistillationLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: s,
    status,
  } = useModelWidget(params, props, (o) => new DistillLabController(o), INITIAL_STATE);
  const { values } = state;
  // A new study whenever a setting changes (debounced: a dragged slider sends one).
  useReconfigure(
    JSON.stringify(distillRequest(values)),
    null,
    controller && (() => controller.distill(distillRequest(values))),
  );
  const r = s.result;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeDistillLab(s)}
      backend={s.backend ?? 'starting…'}
      state={state}
      error={s.error}
      metrics={{
        hardAccuracy: r?.hard.accuracy ?? null,
        softAccuracy: r?.soft.accuracy ?? null,
        teacherAccuracy: r?.teacher.accuracy ?? null,
        hardEce: r ? Number(r.hard.ece.toFixed(4)) : null,
        softEce: r ? Number(r.soft.ece.toFixed(4)) : null,
        heldOutHard: r?.hard.heldOut?.corrected ?? null,
        heldOutSoft: r?.soft.heldOut?.corrected ?? null,
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
          label={`Distilling: ${s.progress.step}…`}
        />
      )}
      {r && <DistillPanel id={id} result={r} />}
    </WidgetShell>
  );
}
