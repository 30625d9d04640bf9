/**
 * The live calibration lab: a zoo model scores the validation and test digits in the Worker; the page
 * fits a temperature on validation and shows the test split before and after, at the reader's binning.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, ProgressBar } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { formatCount } from '../../lib/format';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { DiagramPanel, ResultsTable } from './CalibrationParts';
import { CalibrationController, INITIAL_STATE } from './controller';
import { params } from './params';
import { labStudy } from './report';
import { describeCalibration } from './summary';

export default function CalibrationLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: w,
    status,
  } = useModelWidget(params, props, (o) => new CalibrationController(o), INITIAL_STATE);
  const { values } = state;
  useEffect(() => controller?.calibrate(values.model), [controller, values.model]);
  const current = w.model === values.model && w.validation && w.test;
  const study = useMemo(
    () => (current ? labStudy(w.validation!, w.test!, values) : null),
    [current, w.validation, w.test, values.bins, values.binning, values.seed],
  );
  const report = study ? (values.scaled ? study.after : study.before) : null;
  const e = w.evaluation;
  const busy = e.phase === 'loading' || e.phase === 'running';
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeCalibration(values, study, { error: w.error, loading: status === 'loading' })}
      backend={w.backend ?? 'starting…'}
      state={state}
      error={w.error}
      metrics={{
        model: study ? values.model : null,
        temperature: study?.temperature ?? null,
        accuracy: report?.accuracy ?? null,
        accuracyBefore: study?.before.accuracy ?? null,
        accuracyAfter: study?.after.accuracy ?? null,
        eceBefore: study?.before.ece ?? null,
        eceAfter: study?.after.ece ?? null,
        nllBefore: study?.before.nll ?? null,
        nllAfter: study?.after.nll ?? null,
        brierBefore: study?.before.brier ?? null,
        brierAfter: study?.after.brier ?? null,
        emptyBins: report ? report.bins.filter((b) => b.count === 0).length : null,
        tensors: w.numTensors,
        backend: w.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} />
      <BackendNote backend={w.backend} fallbacks={w.fallbacks} />
      {busy && e.request && (
        <ProgressBar
          id={`${id}-progress`}
          value={e.done}
          max={e.total || 1}
          label={`Scoring ${ZOO_MODEL_LABELS[values.model]} on the ${e.request.split} digits: ${formatCount(e.done)} of ${formatCount(e.total)}`}
        />
      )}
      {study && report && (
        <>
          <DiagramPanel report={report} values={values} />
          <ResultsTable study={study} title={ZOO_MODEL_LABELS[values.model]} />
        </>
      )}
    </WidgetShell>
  );
}
