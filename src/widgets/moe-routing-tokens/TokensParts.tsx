/** Routing tokens' view parts, one job each: the curves, the reader's tokens with their experts, the tables by token. */
import { useCallback } from 'preact/hooks';
import { formatPercent as pct } from '../../lib/format';
import type { StepPoint } from '../../lib/runtime/protocol';
import { PlotMount } from '../../lib/ui/PlotMount';
import { countCorrect, formatToken } from '../../math/tasks';
import type { TokenEvaluation, TokenProbe } from '../../ml/moe-transformer';
import { EXPERT_COLORS, expertLabel, expertName } from '../moe-shared/palette';
import { byPositionHeatmap, byTokenHeatmap, shareLegend, tokensAccuracyChart, tokensLossChart } from './charts';

export function TokensCurves(props: {
  loss: StepPoint[];
  evalLoss: StepPoint[];
  accuracy: StepPoint[];
  totalSteps: number;
}) {
  const { loss, evalLoss, accuracy, totalSteps } = props;
  const drawLoss = useCallback(() => tokensLossChart(loss, evalLoss, { totalSteps }), [loss, evalLoss, totalSteps]);
  const drawAcc = useCallback(() => tokensAccuracyChart(accuracy, { totalSteps }), [accuracy, totalSteps]);
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">Task loss</p>
        <PlotMount make={drawLoss} />
      </div>
      <div>
        <p class="chart-label">Held-out token accuracy</p>
        <PlotMount make={drawAcc} />
      </div>
    </div>
  );
}

/** An expert with its gate: a colour swatch (decoration) and the expert's number in text. */
function Chip({ expert, gate }: { expert: number; gate: number }) {
  const color = EXPERT_COLORS[expert % EXPERT_COLORS.length];
  return (
    <span class="moe-chip" title={`${expertName(expert)}, gate ${pct(gate)}`}>
      <span class="moe-swatch" style={{ background: color }} aria-hidden="true" />
      {expertLabel(expert)} {pct(gate)}
    </span>
  );
}

/** The reader's tokens across, one row per layer: the experts the router picks for each, with their gates. */
export function TokenRouting({ probe }: { probe: TokenProbe }) {
  const n = probe.expected.length;
  const right = countCorrect(probe.predictions, probe.expected);
  return (
    <>
      <div class="moe-scroll" role="region" tabIndex={0} aria-label="Table: the expert each of your tokens goes to">
        <table class="moe-table moe-routing">
          <caption>Where the router sends each of your tokens (no capacity limit for one sequence)</caption>
          <thead>
            <tr>
              <th scope="col">Position</th>
              {probe.tokens.map((_, t) => (
                <th key={t} scope="col" class="moe-token-cell">
                  {t}
                </th>
              ))}
            </tr>
            <tr>
              <th scope="row">Token</th>
              {probe.tokens.map((tok, t) => (
                <td key={t} class="moe-token-cell">
                  {formatToken(tok)}
                </td>
              ))}
            </tr>
          </thead>
          <tbody>
            {probe.experts.map((layer, l) => (
              <tr key={l}>
                <th scope="row">Layer {l + 1}</th>
                {layer.map((experts, t) => (
                  <td key={t} class="moe-token-cell">
                    {experts.map((e, r) => (
                      <Chip key={r} expert={e} gate={probe.gates[l][t][r]} />
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="chart-note">
        Teacher-forced answer: {probe.predictions.map(formatToken).join(' ')} (correct{' '}
        {probe.expected.map(formatToken).join(' ')}; {right} of {n} right).
      </p>
    </>
  );
}

/** Per layer: which expert each kind of token and each position go to, over the held-out batch, and the layer's load. */
export function ByToken({ e, n }: { e: TokenEvaluation; n: number }) {
  return (
    <>
      <PlotMount make={shareLegend} />
      {e.byToken.map((shares, l) => (
        <LayerTables
          key={l}
          byToken={shares}
          byPosition={e.byPosition[l]}
          layer={l}
          n={n}
          f={e.f[l]}
          cv={e.cv[l]}
          dropped={e.dropped[l]}
        />
      ))}
    </>
  );
}

function LayerTables(props: {
  byToken: number[][];
  byPosition: number[][];
  layer: number;
  n: number;
  f: number[];
  cv: number;
  dropped: number;
}) {
  const { byToken, byPosition, layer, n, f, cv, dropped } = props;
  const drawToken = useCallback(() => byTokenHeatmap(byToken, layer), [byToken, layer]);
  const drawPosition = useCallback(() => byPositionHeatmap(byPosition, layer, n), [byPosition, layer, n]);
  return (
    <div>
      <p class="chart-label">
        Layer {layer + 1}, held-out sequences: loads f = {f.map((x) => pct(x)).join(', ')}; CV {cv.toFixed(2)};{' '}
        {pct(dropped, 1)} of assignments dropped
      </p>
      <div class="chart-row">
        <div>
          <p class="chart-label">First-choice expert by token</p>
          <PlotMount make={drawToken} />
        </div>
        <div>
          <p class="chart-label">First-choice expert by position</p>
          <PlotMount make={drawPosition} />
        </div>
      </div>
    </div>
  );
}
