/**
 * The live forward process explorer: controls, Play, the drawing pad (for "My drawing"), the scatter of
 * x_t over x_0, and the ᾱ_t and log SNR curves of both schedules with the current t marked.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { PlotMount } from '../../lib/ui/PlotMount';
import { useWidgetState } from '../../lib/ui/use-widget-state';
import { usePrefersReducedMotion } from '../../lib/ui/use-reduced-motion';
import { PlainWidgetShell } from '../../lib/ui/WidgetShell';
import type { WidgetViewProps } from '../../lib/ui/use-controller';
import { encodeParams } from '../../lib/params';
import { currentSearch } from '../../lib/url-state';
import { DrawPad } from '../diffusion-shared/DrawPad';
import { decodeDrawing, encodeDrawing, type Drawing } from '../diffusion-shared/points-codec';
import { moveScatterPoints, scatterChart, scheduleChart } from './charts';
import {
  computeForward,
  type ForwardView,
  formatSnr,
  formatValue,
  PLAY_FRAME_MS,
  PLAY_SECONDS,
  playPosition,
  trainLinkHref,
} from './compute';
import { params, SCHEDULE_LABELS, type ForwardParams } from './params';

interface Props extends WidgetViewProps<typeof params> {
  /** Id of the denoiser lab on the same page, for the "Train the denoiser on this drawing" link. */
  labId?: string;
}

type Key = keyof ForwardParams & string;
const CONTROL_KEYS: Key[] = ['dataset', 'schedule', 'T', 't', 'seed'];
/** A chart with its notes: as wide as the chart (notes wrap under it), two side by side when there is room. */
const COLUMN = { flex: '1 1 18rem', maxWidth: '22rem', minWidth: 0 };

/**
 * The scatter, drawn like PlotMount (in its own task, a newer view cancelling a pending draw), except
 * that a new t over the same data moves the existing dots (moveScatterPoints) instead of rebuilding
 * the chart (1,200 new SVG elements). Measured here during Play, with the machine's load average near
 * 10 on 2 cores: 4-20 ms of script per moved frame.
 */
function ScatterMount({ view }: { view: ForwardView }) {
  const ref = useRef<HTMLDivElement>(null);
  const drawn = useRef<{ chart: Element; data: unknown } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      const box = ref.current;
      if (!box) return;
      const { t, T, schedule, points } = view;
      // The x_0 array is cached per (data set, drawing, seed): the same array means the same dots.
      const data = points.ok ? points.x0 : points;
      const last = drawn.current;
      if (
        last &&
        last.data === data &&
        box.contains(last.chart) &&
        moveScatterPoints(last.chart, points, { t, T, schedule })
      ) {
        return;
      }
      const chart = scatterChart(points, { t, T, schedule });
      box.replaceChildren(chart);
      drawn.current = { chart, data };
    }, 0);
    return () => clearTimeout(timer);
  }, [view]);
  return <div ref={ref} class="chart" />;
}

export default function ForwardProcessView({ id, base, labId }: Props) {
  const state = useWidgetState(params, id, base);
  const { values } = state;
  const view = useMemo(() => computeForward(values), [values]);
  const drawing = useMemo(() => decodeDrawing(values.points), [values.points]);
  const reducedMotion = usePrefersReducedMotion();
  const [playing, setPlaying] = useState(false);

  // A garbled drawing in the URL: say what was dropped (later drawings come from the pad, always valid).
  useEffect(() => {
    if (drawing.notice) state.addNotice(drawing.notice);
  }, []);

  // Any change by the reader stops Play, so the slider never fights the animation.
  const set = useCallback(
    <K extends Key>(key: K, value: ForwardParams[K]) => {
      setPlaying(false);
      state.set(key, value);
    },
    [state.set],
  );
  const shellState = {
    ...state,
    reset: () => {
      setPlaying(false);
      state.reset();
    },
  };

  // ---- Play: t from where it is (or from 0 at the end) to T in PLAY_SECONDS, a redraw per PLAY_FRAME_MS.
  const shownT = useRef(view.t);
  shownT.current = view.t;
  useEffect(() => {
    if (!playing) return;
    const T = values.T;
    const from = shownT.current >= T ? 0 : shownT.current;
    const start = performance.now();
    state.set('t', from);
    const timer = setInterval(() => {
      const { t, done } = playPosition(from, T, performance.now() - start);
      state.set('t', t);
      if (done) setPlaying(false);
    }, PLAY_FRAME_MS);
    return () => clearInterval(timer);
  }, [playing, values.T]);
  useEffect(() => {
    if (reducedMotion) setPlaying(false);
  }, [reducedMotion]);

  // ---- charts
  const { t, T, schedule } = view;
  const drawAlpha = useCallback(
    () => scheduleChart(view.curves, view.markers, { metric: 'alphaBar', schedule, t, T }),
    [view],
  );
  const drawSnr = useCallback(
    () => scheduleChart(view.curves, view.markers, { metric: 'logSnr', schedule, t, T }),
    [view],
  );

  const onDraw = useCallback((d: Drawing) => set('points', encodeDrawing(d)), [set]);
  const other = view.markers.find((m) => m.schedule !== schedule)!;
  const trainHref =
    // (No link at build time, where there is no location; the island renders an empty shell there anyway.)
    labId && typeof location !== 'undefined' && values.dataset === 'drawn' && drawing.points.length > 0
      ? trainLinkHref(
          location.pathname,
          encodeParams(params, values, currentSearch(), id, base),
          labId,
          encodeDrawing(drawing),
        )
      : null;
  const nextSeed = () => set('seed', (values.seed + 1) % (params.seed.max + 1));

  return (
    <PlainWidgetShell
      widgetId={id}
      status={playing ? 'running' : 'ready'}
      summary={view.summary}
      state={shellState}
      metrics={{
        t,
        measuredVariance: view.points.ok ? view.points.measured.variance : null,
        expectedVariance: view.points.ok ? view.points.expected.variance : null,
      }}
    >
      <ParamControls
        widgetId={id}
        specs={params}
        keys={CONTROL_KEYS}
        // The t control shows the step actually drawn (a t past T is clamped to T).
        values={{ ...values, t }}
        set={set}
        limits={{ t: { max: values.T } }}
      />
      {view.clampNotice && (
        <p class="widget-notice" role="status">
          {view.clampNotice}
        </p>
      )}
      <div class="widget-buttons">
        <button
          type="button"
          class="primary"
          onClick={() => setPlaying((p) => !p)}
          disabled={reducedMotion}
          aria-describedby={reducedMotion ? `${id}-motion` : undefined}
        >
          {playing ? 'Pause' : `Play t = 0 … ${T}`}
        </button>
        <button type="button" onClick={nextSeed}>
          New points and noise
        </button>
      </div>
      {reducedMotion && (
        <p class="chart-note" id={`${id}-motion`}>
          Play is off because your system asks for reduced motion: drag the t slider instead.
        </p>
      )}
      <div class="chart-row">
        {values.dataset === 'drawn' && (
          <div style={COLUMN}>
            <p class="chart-label">Your drawing (area [−1, 1]², then centred and scaled to unit variance)</p>
            <DrawPad id={id} drawing={drawing} onChange={onDraw} />
            {trainHref && (
              <p>
                <a href={trainHref}>Train the denoiser on this drawing</a>
              </p>
            )}
          </div>
        )}
        <div style={COLUMN}>
          <p class="chart-label">Noised points x_t (colour) over the data x_0 (grey)</p>
          <ScatterMount view={view} />
          {view.momentsNote && <p class="chart-note">{view.momentsNote}</p>}
        </div>
      </div>
      <div class="chart-row">
        <div style={COLUMN}>
          <p class="chart-label">Signal left: ᾱ_t of both schedules</p>
          <PlotMount make={drawAlpha} />
          <p class="chart-note">
            {SCHEDULE_LABELS[schedule]} at t = {t}: ᾱ_t = {formatValue(view.alphaBar)}, so x_t ={' '}
            {formatValue(view.signalScale)} · x_0 + {formatValue(view.noiseScale)} · ε. The {other.schedule} schedule
            has ᾱ_t = {formatValue(other.alphaBar)} here.
          </p>
        </div>
        <div style={COLUMN}>
          <p class="chart-label">Signal-to-noise ratio, log scale</p>
          <PlotMount make={drawSnr} />
          <p class="chart-note">
            SNR = ᾱ_t / (1 − ᾱ_t) = {formatSnr(view.snr)}
            {Number.isFinite(view.snr) ? ` (log₁₀ ${Math.log10(view.snr).toFixed(2)})` : ' at t = 0: no noise yet'}.
            Below the SNR = 1 line there is more noise than signal.
          </p>
        </div>
      </div>
      <p class="chart-note">
        Play sweeps t from 0 to T in {PLAY_SECONDS} s. Each point keeps its own noise ε for this seed, so it glides
        smoothly from its place in the data to its own noise point.
      </p>
    </PlainWidgetShell>
  );
}
