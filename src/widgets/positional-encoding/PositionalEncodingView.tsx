/** The live positional encoding viewer: controls, two heatmaps and the probe's similarity curve. */
import { useCallback, useMemo } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { PlotMount } from '../../lib/ui/PlotMount';
import { useWidgetState } from '../../lib/ui/use-widget-state';
import type { WidgetViewProps } from '../../lib/ui/use-controller';
import { PlainWidgetShell } from '../../lib/ui/WidgetShell';
import { encodingHeatmap, probeChart, similarityHeatmap } from './charts';
import { computePositional } from './compute';
import { params } from './params';

export default function PositionalEncodingView({ id, base }: WidgetViewProps<typeof params>) {
  const state = useWidgetState(params, id, base);
  const { values } = state;
  const view = useMemo(() => computePositional(values), [values]);
  const measure = values.similarity as 'cosine' | 'dot';

  const drawEncoding = useCallback(() => encodingHeatmap(view.encoding), [view]);
  const drawSimilarity = useCallback(() => similarityHeatmap(view.similarity, measure), [view, measure]);
  const drawProbe = useCallback(() => probeChart(view.probeRow, view.probe, measure), [view, measure]);

  return (
    <PlainWidgetShell
      widgetId={id}
      summary={view.summary}
      state={state}
      metrics={{
        neighbourSimilarity:
          view.probeRow[view.probe + 1 < view.probeRow.length ? view.probe + 1 : view.probe - 1] ?? null,
      }}
    >
      <ParamControls
        widgetId={id}
        specs={params}
        values={values}
        set={state.set}
        limits={{ probe: { max: values.positions - 1 } }}
      />
      <div class="chart-row">
        <div>
          <p class="chart-label">Encoding matrix PE(position, dimension)</p>
          <PlotMount make={drawEncoding} />
        </div>
        <div>
          <p class="chart-label">Similarity of every pair of positions</p>
          <PlotMount make={drawSimilarity} />
        </div>
      </div>
      <p class="chart-label">Position {view.probe} compared with every position</p>
      <PlotMount make={drawProbe} />
    </PlainWidgetShell>
  );
}
