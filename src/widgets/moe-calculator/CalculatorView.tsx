/** The live parameter and FLOP calculator: typed fields, presets, the breakdown, memory and FLOPs. */
import { useCallback, useMemo } from 'preact/hooks';
import { PlotMount } from '../../lib/ui/PlotMount';
import type { WidgetViewProps } from '../../lib/ui/use-controller';
import { useWidgetState } from '../../lib/ui/use-widget-state';
import { PlainWidgetShell } from '../../lib/ui/WidgetShell';
import { breakdownChart } from './charts';
import { billions, computeCalculator, formatWeightBytes } from './compute';
import { CalculatorFields } from './Fields';
import { params, type CalculatorParams } from './params';
import { PRESETS } from './presets';

const count = (n: number) => n.toLocaleString('en');

export default function CalculatorView({ id, base }: WidgetViewProps<typeof params>) {
  const state = useWidgetState(params, id, base);
  const { values } = state;
  const r = useMemo(() => computeCalculator(values), [values]);
  const c = r.counts;
  const draw = useCallback(() => breakdownChart(c), [c]);
  const apply = (v: CalculatorParams) => {
    for (const key of Object.keys(v) as (keyof CalculatorParams)[]) state.set(key, v[key] as never);
  };
  return (
    <PlainWidgetShell
      widgetId={id}
      summary={r.summary}
      state={state}
      metrics={{ total: c.total, active: c.active, weightBytes: c.weightBytes, flopsPerToken: c.forwardFlopsPerToken }}
    >
      <div class="widget-buttons" role="group" aria-label="Load a published configuration">
        {PRESETS.map((p) => (
          <button key={p.name} type="button" aria-pressed={r.preset?.name === p.name} onClick={() => apply(p.values)}>
            {p.name}
          </button>
        ))}
      </div>
      <CalculatorFields widgetId={id} specs={params} values={values} set={state.set} />
      {r.problem && (
        <p class="field-error" role="alert">
          {r.problem}
        </p>
      )}
      <div class="moe-scroll" role="region" tabIndex={0} aria-label="Table: parameters by part of the model">
        <table class="moe-table">
          <caption>Parameters{r.preset ? ` of ${r.preset.name}` : ''}, counted from the settings</caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Stored</th>
              <th scope="col">Used per token</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Embedding and output projection</th>
              <td>{count(c.embedding + c.unembedding)}</td>
              <td>{count(c.embedding + c.unembedding)}</td>
            </tr>
            <tr>
              <th scope="row">Attention (all layers)</th>
              <td>{count(c.attention)}</td>
              <td>{count(c.attention)}</td>
            </tr>
            <tr>
              <th scope="row">Experts (routed and shared)</th>
              <td>{count(c.experts)}</td>
              <td>{count(c.experts - (c.total - c.active))}</td>
            </tr>
            <tr>
              <th scope="row">Dense feed-forward layers</th>
              <td>{count(c.denseFfn)}</td>
              <td>{count(c.denseFfn)}</td>
            </tr>
            <tr>
              <th scope="row">Routers and norms</th>
              <td>{count(c.router + c.norms)}</td>
              <td>{count(c.router + c.norms)}</td>
            </tr>
            <tr>
              <th scope="row">Total</th>
              <td>
                <strong>{count(c.total)}</strong> ({billions(c.total)})
              </td>
              <td>
                <strong>{count(c.active)}</strong> ({billions(c.active)})
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {r.preset && (
        <p class="chart-note">
          Published for {r.preset.name}: {r.preset.published.total}B total, {r.preset.published.active}B active (
          {r.preset.published.source}). Counted here from its configuration: {billions(c.total, 1)} and{' '}
          {billions(c.active, 1)}.
        </p>
      )}
      <PlotMount make={draw} />
      <dl class="moe-readout">
        <div>
          <dt>Memory to hold the weights</dt>
          <dd>{formatWeightBytes(c.weightBytes)}</dd>
        </div>
        <div>
          <dt>Forward FLOPs per token</dt>
          <dd>
            {(c.forwardFlopsPerToken / 1e9).toFixed(1)} G <small>(training: about 3×)</small>
          </dd>
        </div>
        <div>
          <dt>Same total size, dense</dt>
          <dd>
            {(c.denseEquivalentFlopsPerToken / 1e9).toFixed(1)} GFLOPs per token{' '}
            <small>({(c.denseEquivalentFlopsPerToken / c.forwardFlopsPerToken).toFixed(1)}× as many)</small>
          </dd>
        </div>
        <div>
          <dt>Stored per active parameter</dt>
          <dd>{(c.total / c.active).toFixed(2)}</dd>
        </div>
      </dl>
    </PlainWidgetShell>
  );
}
