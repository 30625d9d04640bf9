/** The router lab's view parts, one job each: the numbers, the map and the loads, the curves. */
import { useCallback } from 'preact/hooks';
import { formatPercent as pct } from '../../lib/format';
import { PlotMount } from '../../lib/ui/PlotMount';
import type { ExpertMap, LabEvaluation } from '../../ml/moe-router-lab';
import { labCvChart, labLoadBars, labLossChart, labMapChart, labShareChart } from './charts';
import type { LabState } from './controller';

/** The measured numbers behind the charts, as text. */
export function LabReadout({ e, capacity, batch }: { e: LabEvaluation; capacity: number; batch: number }) {
  const N = e.f.length;
  return (
    <dl class="moe-readout">
      <div>
        <dt>Held-out accuracy</dt>
        <dd>{pct(e.accuracy, 1)}</dd>
      </div>
      <div>
        <dt>CV of expert loads f</dt>
        <dd>
          {e.cv.toFixed(2)} <small>(0 = even, {Math.sqrt(N - 1).toFixed(2)} = one expert takes all)</small>
        </dd>
      </div>
      <div>
        <dt>Experts in use</dt>
        <dd>
          {e.activeExperts} of {N} <small>(at least half an even share)</small>
        </dd>
      </div>
      <div>
        <dt>Router entropy</dt>
        <dd>
          {e.entropy.toFixed(2)} nats{' '}
          <small>
            (ln {N} = {Math.log(N).toFixed(2)} is undecided)
          </small>
        </dd>
      </div>
      <div>
        <dt>Dropped</dt>
        <dd>
          {pct(e.dropped, 1)} of assignments; {pct(e.tokensDropped, 1)} of points got no expert{' '}
          <small>
            ({capacity} slots per expert per batch of {batch})
          </small>
        </dd>
      </div>
      <div>
        <dt>Regime purity</dt>
        <dd>
          {pct(e.purity)} <small>(share of each regime its most common expert takes)</small>
        </dd>
      </div>
    </dl>
  );
}

export function MapAndLoads({ map, e, regimes }: { map: ExpertMap; e: LabEvaluation; regimes: number }) {
  const drawMap = useCallback(() => labMapChart(map.expert, map.res, regimes), [map, regimes]);
  const drawLoads = useCallback(() => labLoadBars(e.f, e.P), [e]);
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">Expert map: the router's first choice</p>
        <PlotMount make={drawMap} />
      </div>
      <div>
        <p class="chart-label">Expert loads: f (dark) and P (light); dashed = 1/N</p>
        <PlotMount make={drawLoads} />
      </div>
    </div>
  );
}

export function LabCurves({ lab }: { lab: LabState }) {
  const totalSteps = lab.progress.totalSteps;
  const drawLoss = useCallback(
    () => labLossChart(lab.loss, lab.evalLoss, { totalSteps }),
    [lab.loss, lab.evalLoss, totalSteps],
  );
  const drawShares = useCallback(
    () => labShareChart(lab.accuracy, lab.dropped, { totalSteps }),
    [lab.accuracy, lab.dropped, totalSteps],
  );
  const drawCv = useCallback(() => labCvChart(lab.cv, { totalSteps }), [lab.cv, totalSteps]);
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">Task loss</p>
        <PlotMount make={drawLoss} />
      </div>
      <div>
        <p class="chart-label">Accuracy and dropped assignments</p>
        <PlotMount make={drawShares} />
      </div>
      <div>
        <p class="chart-label">Load imbalance (CV of f)</p>
        <PlotMount make={drawCv} />
      </div>
    </div>
  );
}
