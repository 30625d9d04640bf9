/**
 * The lab's two planes: the samples moving from noise to data (with the frame player) and the learned
 * direction field. The samples are painted on a canvas over an SVG chart of the data, so ten frames a
 * second of 2,000 points cost no long task; the chart's accessible name follows the frame.
 */
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { FramePlayer, useFramePlayer } from '../../lib/ui/FramePlayer';
import { PlotMount } from '../../lib/ui/PlotMount';
import { fieldChart, paintPoints, planeScales, samplesChart, type PlaneScales } from './charts';
import { FIELD_EXTENT, FIELD_SIZE } from './constants';
import type { LabSettings, LabState } from './controller';
import { describeSampler } from './summary';

/** Animation speed of a finished sampling run: one frame per 100 ms, the most the charts redraw. */
const FRAME_MS = 100;

export function LabPlanes({ id, lab, settings, T }: { id: string; lab: LabState; settings: LabSettings; T: number }) {
  const frames = lab.frames;
  const player = useFramePlayer(frames.length, lab.sampling, lab.replays, FRAME_MS);
  const frame = frames[player.index] ?? null;
  const data = lab.model?.data ?? null;
  const fieldT = lab.field?.t ?? settings.field.t;
  const drawField = useCallback(
    () =>
      fieldChart(data ?? [], lab.field?.grid ?? [], lab.field?.directions ?? [], {
        label: `Learned direction −ε̂ at t = ${fieldT}, arrows over the data`,
        spacing: (2 * FIELD_EXTENT) / (FIELD_SIZE - 1),
      }),
    [data, lab.field],
  );
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">
          {frame
            ? `Sampling with ${describeSampler(settings.request, T)}: step ${frame.step} of ${frame.steps}, t = ${frame.t}`
            : 'Data'}
        </p>
        <SamplesPlot
          data={data}
          points={frame?.points ?? null}
          label={
            frame
              ? `Sampling step ${frame.step} of ${frame.steps} (t = ${frame.t}): samples in blue over the data in grey`
              : 'The data in grey'
          }
        />
        <FramePlayer
          id={`${id}-frame`}
          label="Sampling frame"
          count={frames.length}
          player={player}
          disabled={lab.sampling}
          describe={(i) => (frames[i] ? `step ${frames[i].step} of ${frames[i].steps}, t = ${frames[i].t}` : '')}
          class="lab-scrubber"
        />
      </div>
      <div>
        <p class="chart-label">Learned direction field at t = {fieldT}</p>
        <PlotMount make={drawField} />
      </div>
    </div>
  );
}

function SamplesPlot({
  data,
  points,
  label,
}: {
  data: Float32Array | null;
  points: Float32Array | null;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const chart = useRef<{ svg: Element; scales: PlaneScales } | null>(null);
  const latest = useRef({ points, label });
  latest.current = { points, label };
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!box.current) return;
      const svg = samplesChart(data ?? [], null, { label: latest.current.label });
      if (!canvas.current) {
        canvas.current = document.createElement('canvas');
        canvas.current.setAttribute('aria-hidden', 'true');
      }
      box.current.replaceChildren(svg, canvas.current);
      chart.current = { svg, scales: planeScales(svg) };
      paintPoints(canvas.current, latest.current.points, chart.current.scales);
    }, 0);
    return () => clearTimeout(timer);
  }, [data]);
  useEffect(() => {
    if (!chart.current || !canvas.current) return;
    paintPoints(canvas.current, points, chart.current.scales);
    chart.current.svg.setAttribute('aria-label', label);
  }, [points, label]);
  return <div ref={box} class="chart lab-plane" />;
}
