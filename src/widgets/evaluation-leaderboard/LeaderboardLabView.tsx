/**
 * The live leaderboard lab: the Worker scores a zoo model on the validation and test digits once, then
 * runs the team's submissions against the reused test set at the reader's settings; this view only
 * draws what it reports.
 */
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote } from '../../lib/ui/RunControls';
import type { WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { ScoringProgress } from '../evaluation-shared/ScoringProgress';
import { useSettingsStudy } from '../evaluation-shared/use-study';
import { gapAt } from '../../math/evaluation-leaderboard';
import { INITIAL_STATE, LeaderboardController } from './controller';
import { CurvePanel, GapTable } from './LeaderboardParts';
import { params } from './params';
import { describeLeaderboard } from './summary';

export default function LeaderboardLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    worker: w,
    status,
    shown,
    study,
  } = useSettingsStudy(params, props, (o) => new LeaderboardController(o), INITIAL_STATE);
  const { values } = state;
  const last = study ? study.points[study.points.length - 1] : null;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeLeaderboard(shown, study, { error: w.error })}
      backend={w.backend ?? 'starting…'}
      state={state}
      error={w.error}
      metrics={{
        model: w.shown?.model ?? null,
        submissions: last?.k ?? null,
        reported: last?.reported ?? null,
        fresh: last?.fresh ?? null,
        gap: study && last ? gapAt(study, last.k) : null,
        gap10: study && study.points.length >= 10 ? gapAt(study, 10) : null,
        gap100: study && study.points.length >= 100 ? gapAt(study, 100) : null,
        gap1000: study && study.points.length >= 1000 ? gapAt(study, 1000) : null,
        baseFresh: study?.base.fresh ?? null,
        revealed: study?.revealed ?? null,
        computeMs: w.computeMs !== null ? Math.round(w.computeMs) : null,
        tensors: w.numTensors,
        backend: w.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} />
      <BackendNote backend={w.backend} fallbacks={w.fallbacks} />
      <ScoringProgress id={id} model={w.request?.model ?? values.model} scoring={w.scoring} />
      {study && (
        <>
          <CurvePanel study={study} values={shown} />
          <GapTable study={study} values={shown} />
        </>
      )}
    </WidgetShell>
  );
}
