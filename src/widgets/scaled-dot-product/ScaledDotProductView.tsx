/** The live scaled dot-product explorer: controls, scores and weights, one query in detail, the saturation curve. */
import { useCallback, useMemo } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { PlotMount } from '../../lib/ui/PlotMount';
import { useWidgetState } from '../../lib/ui/use-widget-state';
import type { WidgetViewProps } from '../../lib/ui/use-controller';
import { PlainWidgetShell } from '../../lib/ui/WidgetShell';
import { queryScoresChart, queryWeightsChart, saturationChart, scoresHeatmap, weightsHeatmap } from './charts';
import { computeScaledDotProduct, type ScaledDotProductResult } from './compute';
import { params } from './params';

/** What both bar charts need to know about the detailed row. */
const detailOf = (v: ScaledDotProductResult) => ({ query: v.query, mask: v.mask[v.query], topKey: v.topKey });

export default function ScaledDotProductView({ id, base }: WidgetViewProps<typeof params>) {
  const state = useWidgetState(params, id, base);
  const { values } = state;
  const view = useMemo(() => computeScaledDotProduct(values), [values]);
  const { d, tokens, scale } = values;

  const drawScores = useCallback(
    () => scoresHeatmap(view.scores, view.mask, { query: view.query, scaled: scale }),
    [view, scale],
  );
  const drawWeights = useCallback(() => weightsHeatmap(view.weights, view.query), [view]);
  const drawRowScores = useCallback(
    () => queryScoresChart(view.queryScores, { ...detailOf(view), scaled: scale }),
    [view, scale],
  );
  const drawRowWeights = useCallback(
    () => queryWeightsChart(view.queryWeights, { ...detailOf(view), visibleKeys: view.visibleKeys }),
    [view],
  );
  // The curve itself is memoised in the controller; only the rule at d and the thick line move here.
  const drawCurve = useCallback(
    () => saturationChart(view.curve, { d, tokens, scaled: scale }),
    [view.curve, d, tokens, scale],
  );

  // Seeds wrap at the slider's end so the button always draws something new.
  const nextSeed = () => state.set('seed', (values.seed + 1) % (params.seed.max + 1));

  return (
    <PlainWidgetShell
      widgetId={id}
      summary={view.summary}
      state={state}
      metrics={{ maxWeight: view.maxWeight, scoreStd: view.scoreStd }}
    >
      <ParamControls
        widgetId={id}
        specs={params}
        // The query control shows the row actually drawn (a query past the end is clamped to the last token).
        values={{ ...values, query: view.query }}
        set={state.set}
        limits={{ query: { max: tokens - 1 } }}
      />
      <div class="widget-buttons">
        <button type="button" onClick={nextSeed}>
          New random vectors
        </button>
      </div>
      <div class="chart-row">
        <div>
          <p class="chart-label">{scale ? 'Scores q·k / √d' : 'Raw scores q·k'}</p>
          <PlotMount make={drawScores} />
        </div>
        <div>
          <p class="chart-label">Weights softmax(score / τ), each row sums to 1</p>
          <PlotMount make={drawWeights} />
        </div>
      </div>
      <p class="chart-label">Query {view.query} in detail (▸ in the heatmaps)</p>
      <div class="chart-row">
        <PlotMount make={drawRowScores} />
        <PlotMount make={drawRowWeights} />
      </div>
      <p class="chart-note">
        These scores have standard deviation {view.scoreStd.toFixed(2)}; with N(0, 1) entries theory says{' '}
        {scale ? '1 once divided by √d' : `√d = ${view.expectedStd.toFixed(2)}`}.
      </p>
      <p class="chart-label">Why divide by √d: how peaked the softmax gets as d grows</p>
      <PlotMount make={drawCurve} />
      <p class="chart-note">{view.curveNote}</p>
    </PlainWidgetShell>
  );
}
