/**
 * The live router lab: settings, run controls, the expert map and loads, the numbers and the curves.
 * Training runs in a Worker (controller.ts); this view only draws what the worker reports.
 */
import { TrainingControls } from '../../lib/ui/TrainingControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { statusWithProblem, useReconfigure } from '../../lib/ui/use-reconfigure';
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

  useReconfigure(JSON.stringify(values), problem, controller && (() => controller.configure(labRunConfig(values))));
  const status = statusWithProblem(workerStatus, problem, lab.backend !== null);
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
      <TrainingControls
        id={id}
        specs={params}
        values={values}
        set={state.set}
        backend={lab.backend}
        fallbacks={lab.fallbacks}
        problem={problem}
        status={status}
        progress={lab.progress}
        trainer={controller}
        onReset={() => controller?.configure(labRunConfig(values))}
        resetLabel="Reset model"
        detail={lab.numParameters > 0 ? `${lab.numParameters.toLocaleString('en')} parameters` : undefined}
      />
      {e && lab.map && <MapAndLoads map={lab.map} e={e} regimes={Number(values.regimes)} />}
      {e && <LabReadout e={e} capacity={lab.capacity} batch={LAB_BATCH_SIZE} />}
      <LabCurves lab={lab} />
    </WidgetShell>
  );
}
