/**
 * The live robustness curve: the chosen zoo model attacked over the first test digits at each ε, by FGSM,
 * PGD and random signs, in the Worker, with progress; the recorded curve (dashed) and the papers' points
 * beside it. This view only draws what the worker reports.
 */
import { useCallback } from 'preact/hooks';
import { formatDuration } from '../../lib/format';
import { ParamControls } from '../../lib/ui/ParamControl';
import { PlotMount } from '../../lib/ui/PlotMount';
import { BackendNote, ProgressBar } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { RECORDED } from '../security-shared/robustness';
import { accuracyChart, confidenceChart } from './charts';
import { INITIAL_STATE, RobustnessController } from './controller';
import { PAPER_POINTS } from './papers';
import { params } from './params';
import { curveRequest } from './request';
import { describeCurve } from './summary';

export default function RobustnessView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const { state, controller, worker, status } = useModelWidget(
    params,
    props,
    (o) => new RobustnessController(o),
    INITIAL_STATE,
  );
  const { values } = state;
  const c = worker.curve;
  const busy = c !== null && (c.phase === 'loading' || c.phase === 'running');
  const shown = c && c.request.model === values.model ? c.points : [];
  const recorded = RECORDED.models.find((m) => m.name === values.model)?.points ?? [];
  const drawAccuracy = useCallback(
    () =>
      accuracyChart(shown, {
        recorded,
        papers: PAPER_POINTS,
        label: 'Test accuracy against ε: live (solid), recorded (dashed), papers (×)',
      }),
    [shown, recorded],
  );
  const drawConfidence = useCallback(() => confidenceChart(shown), [shown]);
  const pgd = (e: number) => c?.points.find((p) => p.kind === 'pgd' && p.epsilon === e)?.accuracy ?? null;
  const fgsm = (e: number) => c?.points.find((p) => p.kind === 'fgsm' && p.epsilon === e)?.accuracy ?? null;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeCurve(c, worker.error)}
      backend={worker.backend ?? 'starting…'}
      state={state}
      error={worker.error}
      metrics={{
        points: c ? c.points.length : null,
        cleanAccuracy: fgsm(0),
        fgsm03: fgsm(0.3),
        pgd03: pgd(0.3),
        curveMs: c && c.phase === 'done' ? Math.round(c.computeMs) : null,
        tensors: worker.numTensors,
        backend: worker.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} disabled={busy} />
      <BackendNote backend={worker.backend} fallbacks={worker.fallbacks} />
      <div class="run-controls">
        <button
          type="button"
          disabled={busy || status === 'loading'}
          onClick={() => controller?.compute(curveRequest(values))}
        >
          Compute the curve
        </button>{' '}
        <button type="button" disabled={!busy} onClick={() => controller?.stop()}>
          Stop
        </button>
      </div>
      {c && <ProgressBar id={`${id}-progress`} value={c.done} max={Math.max(1, c.total)} label="Batches attacked" />}
      {c && c.phase === 'done' && (
        <p class="chart-note" data-testid="curve-result">
          {c.points.length} points over {c.request.settings.count} test digits in {formatDuration(c.computeMs)}.
        </p>
      )}
      <PlotMount make={drawAccuracy} />
      <p class="chart-note">
        Papers’ points (×), quoted, not measured here:{' '}
        {PAPER_POINTS.map(
          (p) =>
            `${p.source}, ${p.model}, ${p.kind.toUpperCase()} at ε = ${p.epsilon}: ${(100 * p.accuracy).toFixed(1)}%`,
        ).join('; ')}
        . Their models were trained on 60,000 digits; ours on 7,000.
      </p>
      {shown.length > 0 && <PlotMount make={drawConfidence} />}
    </WidgetShell>
  );
}
