/**
 * The live dense-versus-sparse comparison: settings, run controls, the two cost charts and the table.
 * Training runs in a Worker (controller.ts); this view only draws what the worker reports.
 */
import { TrainingControls } from '../../lib/ui/TrainingControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { statusWithProblem, useReconfigure } from '../../lib/ui/use-reconfigure';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { dsConfigProblem, dsRunConfig } from './config';
import { DenseSparseController, INITIAL_STATE } from './controller';
import { CostCharts, DsTable } from './DsParts';
import { params } from './params';
import { latest } from './readings';
import { describeDenseSparse } from './summary';

export default function DenseVersusSparseView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: ds,
    status: workerStatus,
  } = useModelWidget(params, props, (o) => new DenseSparseController(o), INITIAL_STATE);
  const { values } = state;
  const problem = dsConfigProblem(values);
  useReconfigure(JSON.stringify(values), problem, controller && (() => controller.configure(dsRunConfig(values))));
  const status = statusWithProblem(workerStatus, problem, ds.backend !== null);

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeDenseSparse(ds)}
      backend={ds.backend ?? 'starting…'}
      state={state}
      error={ds.error}
      metrics={{
        step: ds.progress.step,
        denseLoss: latest(ds.points, 'dense')?.loss ?? null,
        moeLoss: latest(ds.points, 'moe')?.loss ?? null,
        denseMsPerStep: ds.counts ? ds.msPerStep.dense : null,
        moeMsPerStep: ds.counts ? ds.msPerStep.moe : null,
        stepsPerSecond: ds.progress.stepsPerSecond,
        tensors: ds.numTensors,
        backend: ds.backend,
      }}
    >
      <TrainingControls
        id={id}
        specs={params}
        values={values}
        set={state.set}
        backend={ds.backend}
        fallbacks={ds.fallbacks}
        problem={problem}
        status={status}
        progress={ds.progress}
        trainer={controller}
        onReset={() => controller?.configure(dsRunConfig(values))}
        resetLabel="Reset models"
      />
      <CostCharts points={ds.points} />
      {ds.counts && <DsTable s={ds} />}
    </WidgetShell>
  );
}
