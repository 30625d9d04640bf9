/**
 * The live metrics lab: the Worker scores a zoo model on the test digits once, then computes the
 * one-digit detector's metrics, curves, intervals and slices at the reader's settings; this view only
 * draws what it reports.
 */
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote } from '../../lib/ui/RunControls';
import type { WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { ScoringProgress } from '../evaluation-shared/ScoringProgress';
import { useSettingsStudy } from '../evaluation-shared/use-study';
import { INITIAL_STATE, MetricsController } from './controller';
import { CurvesPanel, MetricsTable, NegativesTable, SlicesTable } from './MetricsParts';
import { params } from './params';
import { describeMetrics } from './summary';

export default function MetricsLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    worker: w,
    status,
    shown,
    study,
  } = useSettingsStudy(params, props, (o) => new MetricsController(o), INITIAL_STATE);
  const { values } = state;
  const m = study?.metrics;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeMetrics(shown, study, { error: w.error })}
      backend={w.backend ?? 'starting…'}
      state={state}
      error={w.error}
      metrics={{
        model: w.shown?.model ?? null,
        count: study?.count ?? null,
        positives: study?.positives ?? null,
        accuracy: m?.accuracy ?? null,
        balancedAccuracy: m?.balancedAccuracy ?? null,
        precision: m?.precision ?? null,
        recall: m?.recall ?? null,
        f1: m?.f1 ?? null,
        auroc: study?.auroc ?? null,
        ap: study?.ap ?? null,
        thickRecall: study?.slices[2].metrics.recall ?? null,
        computeMs: w.computeMs !== null ? Math.round(w.computeMs) : null,
        tensors: w.numTensors,
        backend: w.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} />
      <BackendNote backend={w.backend} fallbacks={w.fallbacks} />
      <ScoringProgress id={id} model={w.request?.model ?? values.model} scoring={w.scoring} />
      {study && (
        <>
          <CurvesPanel study={study} values={shown} />
          <MetricsTable study={study} />
          <SlicesTable study={study} />
          <NegativesTable study={study} />
        </>
      )}
    </WidgetShell>
  );
}
