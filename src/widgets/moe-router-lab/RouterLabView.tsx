/**
 * The live router lab: settings, run controls, the expert map and loads, the numbers and the curves.
 * Training runs in a Worker (controller.ts); this view only draws what the worker reports.
 */
import { useEffect } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, RunControls } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { LAB_BATCH_SIZE } from '../moe-shared/constants';
import { labConfigProblem, labRunConfig } from './config';
import { INITIAL_STATE, RouterLabController } from './controller';
import { LabCurves, LabReadout, MapAndLoads } from './LabParts';
import { params } from './params';
import { describeLab } from './summary';

export default function RouterLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: lab,
    status: workerStatus,
  } = useModelWidget(params, props, (o) => new RouterLabController(o), INITIAL_STATE);
  const { values } = state;
  const problem = labConfigProblem(values);

  // A new model whenever a setting changes (debounced: a dragged slider sends one).
  const configKey = JSON.stringify(values);
  useEffect(() => {
    if (problem || !controller) return;
    const timer = setTimeout(() => controller.configure(labRunConfig(values)), 150);
    return () => clearTimeout(timer);
  }, [configKey, problem, controller]);

  // A settings problem the reader must fix first still counts as ready: the widget answers, with a message.
  const status = workerStatus === 'loading' && problem && lab.backend ? 'ready' : workerStatus;
  const e = lab.evaluation;

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeLab(lab)}
      backend={lab.backend ?? 'starting…'}
      state={state}
      error={lab.error}
      metrics={{
        step: lab.progress.step,
        accuracy: e?.accuracy ?? null,
        loadCv: e?.cv ?? null,
        dropped: e?.dropped ?? null,
        routerEntropy: e?.entropy ?? null,
        activeExperts: e?.activeExperts ?? null,
        stepsPerSecond: lab.progress.stepsPerSecond,
        tensors: lab.numTensors,
        backend: lab.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} />
      <BackendNote backend={lab.backend} fallbacks={lab.fallbacks} />
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <RunControls
        id={id}
        progress={lab.progress}
        disabled={status === 'loading' || !!problem}
        onPlay={() => controller?.play()}
        onPause={() => controller?.pause()}
        onStep={() => controller?.step()}
        onReset={() => controller?.configure(labRunConfig(values))}
        labels={{ reset: 'Reset model' }}
        detail={lab.numParameters > 0 ? `${lab.numParameters.toLocaleString('en')} parameters` : undefined}
      />
      {e && lab.map && <MapAndLoads map={lab.map} e={e} regimes={Number(values.regimes)} />}
      {e && <LabReadout e={e} capacity={lab.capacity} batch={LAB_BATCH_SIZE} />}
      <LabCurves lab={lab} />
    </WidgetShell>
  );
}
