/**
 * The live shift lab: the Worker scores a zoo model on the clean and shifted test digits and on one
 * input (a shifted test digit or a drawing); this view only draws what it reports.
 */
import { useEffect } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { ScoringProgress } from '../evaluation-shared/ScoringProgress';
import { DigitInput, useResolvedDigitInput } from '../zoo-shared/DigitInput';
import { ZOO_MODEL_LABELS } from '../zoo-shared/params';
import { INITIAL_STATE, sameRequest, ShiftController } from './controller';
import { params } from './params';
import { InputVerdict, SampleStrip, ShiftCharts, ShiftTable } from './ShiftParts';
import { describeShift } from './summary';

export default function ShiftLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: w,
    status,
  } = useModelWidget(params, props, (o) => new ShiftController(o), INITIAL_STATE);
  const { values } = state;
  const request = { model: values.model, corruption: values.corruption, severity: values.severity, seed: values.seed };
  const resolved = useResolvedDigitInput(values);
  const blank = resolved.kind === 'drawn' && !resolved.preprocessed.hasInk;
  useEffect(() => {
    controller?.study(request);
  }, [controller, values.model, values.corruption, values.severity, values.seed]);
  const inputKey = JSON.stringify([request, resolved.kind === 'test' ? resolved.testIndex : values.drawing]);
  useEffect(() => {
    if (!controller || blank) return;
    const timer = setTimeout(() => {
      controller.classify(
        request,
        resolved.kind === 'test'
          ? { kind: 'test', index: resolved.testIndex }
          : { kind: 'pixels', pixels: Float32Array.from(resolved.preprocessed.pixels) },
      );
    }, 80);
    return () => clearTimeout(timer);
  }, [controller, inputKey, blank]);
  const study = w.study;
  const p = study?.point;
  const c = w.classification;
  const current = c && sameRequest(c.request, request) ? c : null;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeShift(study, { error: w.error, model: ZOO_MODEL_LABELS[values.model] })}
      backend={w.backend ?? 'starting…'}
      state={state}
      error={w.error}
      metrics={{
        model: study?.request.model ?? null,
        corruption: study?.request.corruption ?? null,
        severity: study?.request.severity ?? null,
        cleanAccuracy: study?.clean.accuracy ?? null,
        accuracy: p && Number.isFinite(p.accuracy) ? p.accuracy : null,
        meanConfidence: p?.meanConfidence ?? null,
        ece: p && Number.isFinite(p.ece) ? p.ece : null,
        aurocMaxSoftmax: p?.aurocMaxSoftmax ?? null,
        aurocEnergy: p?.aurocEnergy ?? null,
        inputConfidence: current?.msp ?? null,
        inputPercentile: current?.mspPercentile ?? null,
        computeMs: study ? Math.round(study.computeMs) : null,
        tensors: w.numTensors,
        backend: w.backend,
      }}
    >
      <ParamControls
        widgetId={id}
        specs={params}
        values={values}
        set={state.set}
        keys={['model', 'corruption', 'severity', 'seed']}
      />
      <BackendNote backend={w.backend} fallbacks={w.fallbacks} />
      <ScoringProgress id={id} model={w.request?.model ?? values.model} scoring={w.scoring} unit="images" />
      {study && (
        <>
          <ShiftTable study={study} />
          <ShiftCharts study={study} />
          <SampleStrip study={study} />
        </>
      )}
      <h3 class="shift-heading">One input: a shifted test digit, or draw a letter or a scribble</h3>
      <DigitInput
        id={id}
        values={values}
        set={state.set}
        testPixels={current && current.digit === 'test' ? current.pixels : null}
        onNotice={state.addNotice}
      >
        {blank ? (
          <p class="chart-note">Draw on the pad: a letter, a scribble, anything.</p>
        ) : (
          current && <InputVerdict result={current} />
        )}
      </DigitInput>
    </WidgetShell>
  );
}
