/**
 * The live dense-versus-sparse comparison: settings, run controls, the two cost charts and the table.
 * Training runs in a Worker (controller.ts); this view only draws what the worker reports.
 */
import { useEffect } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, RunControls } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
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
  const configKey = JSON.stringify(values);
  useEffect(() => {
    if (problem || !controller) return;
    const timer = setTimeout(() => controller.configure(dsRunConfig(values)), 150);
    return () => clearTimeout(timer);
  }, [configKey, problem, controller]);
  const status = workerStatus === 'loading' && problem && ds.backend ? 'ready' : workerStatus;

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
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} />
      <BackendNote backend={ds.backend} fallbacks={ds.fallbacks} />
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <RunControls
        id={id}
        progress={ds.progress}
        disabled={status === 'loading' || !!problem}
        onPlay={() => controller?.play()}
        onPause={() => controller?.pause()}
        onStep={() => controller?.step()}
        onReset={() => controller?.configure(dsRunConfig(values))}
        labels={{ reset: 'Reset models' }}
      />
      <CostCharts points={ds.points} />
      {ds.counts && <DsTable s={ds} />}
    </WidgetShell>
  );
}
