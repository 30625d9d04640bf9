/**
 * The live calibration lab: the Worker scores a zoo model (or first trains the zoo's MLP for the reader's
 * epochs) on the validation and test digits, fits a temperature and a matrix on the first validation
 * digits and reports the test split as trained and after each at the reader's binning; this view only
 * draws what it reports.
 */
import { useEffect } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { ScoringProgress } from '../evaluation-shared/ScoringProgress';
import {
  DiagramPanel,
  ResultsTable,
  ScalingNote,
  TrainedRunControls,
  TrainedSourceNote,
  TrainingNote,
} from './CalibrationParts';
import { CalibrationController, INITIAL_STATE } from './controller';
import { params, shownControls, studyRequest } from './params';
import { describeCalibration, modelLabel, shownReport } from './summary';

export default function CalibrationLabView(
  props: WidgetViewProps<typeof params> & { train: { count: number; bytes: number } },
) {
  const { id } = props;
  const {
    state,
    controller,
    worker: w,
    status,
  } = useModelWidget(params, props, (o) => new CalibrationController(o), INITIAL_STATE);
  const { values } = state;
  const request = studyRequest(values);
  useEffect(() => {
    controller?.study(request);
  }, [controller, ...Object.values(request)]);
  // What is on show answers the settings it was computed for (a newer request may be on its way).
  const shown = w.shown ? { ...values, ...w.shown } : values;
  const study = w.study;
  const report = study ? shownReport(study, values) : null;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeCalibration(shown, study, {
        error: w.error,
        loading: status === 'loading',
        training: w.training,
        reset: w.trainingReset !== null,
      })}
      backend={w.backend ?? 'starting…'}
      state={state}
      error={w.error}
      metrics={{
        model: w.shown?.model ?? null,
        source: w.shown?.source ?? null,
        epochs: study?.training?.epochs ?? null,
        trainMs: study?.training ? Math.round(study.training.trainMs) : null,
        meanConfidenceBefore: study?.before.meanConfidence ?? null,
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
        fitCount: study?.fitCount ?? null,
        fitNllTemperature: study?.validationNll.after ?? null,
        fitNllMatrix: study?.matrix.fit.nllAfter ?? null,
        accuracyMatrix: study?.matrix.after.accuracy ?? null,
        eceMatrix: study?.matrix.after.ece ?? null,
        nllMatrix: study?.matrix.after.nll ?? null,
        brierMatrix: study?.matrix.after.brier ?? null,
        matrixIterations: study?.matrix.fit.iterations ?? null,
        emptyBins: report ? report.bins.filter((b) => b.count === 0).length : null,
        computeMs: w.computeMs !== null ? Math.round(w.computeMs) : null,
        tensors: w.numTensors,
        backend: w.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={shownControls(values)} />
      {values.source === 'trained' && <TrainedSourceNote train={props.train} />}
      <BackendNote backend={w.backend} fallbacks={w.fallbacks} />
      {values.source === 'trained' && (
        <TrainedRunControls
          id={id}
          epochs={w.request?.epochs ?? request.epochs}
          state={w}
          onTrain={() => controller?.study(request)}
          onAction={(action) => controller?.train(action)}
          onReset={(totalSteps) => controller?.resetTraining(totalSteps)}
        />
      )}
      <ScoringProgress id={id} model={w.request?.model ?? request.model} scoring={w.scoring} />
      {study && report && (
        <>
          <TrainingNote trained={study.training} backend={w.backend} />
          <DiagramPanel study={study} values={shown} />
          <ResultsTable study={study} title={modelLabel(shown)} />
          <ScalingNote study={study} />
        </>
      )}
    </WidgetShell>
  );
}
