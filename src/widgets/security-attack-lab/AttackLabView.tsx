/**
 * The live adversarial example lab: a digit (a test digit or a drawing), an attack computed in the
 * Worker on the chosen model, and what the victim answers before and after. The worker does the
 * math (src/ml/security.ts); this view only draws what it reports.
 */
import { useEffect } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { DigitInput, useResolvedDigitInput } from '../zoo-shared/DigitInput';
import { digitRequest } from '../zoo-shared/zoo-state';
import { AttackPanel } from './AttackParts';
import { AttackLabController, INITIAL_STATE } from './controller';
import { params } from './params';
import { attackRequest, topClass } from './request';
import { describeAttack, succeeded } from './summary';

export default function AttackLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const { state, controller, worker, status } = useModelWidget(
    params,
    props,
    (o) => new AttackLabController(o),
    INITIAL_STATE,
  );
  const { values } = state;
  const resolved = useResolvedDigitInput(values);
  const blank = resolved.kind === 'drawn' && !resolved.preprocessed.hasInk;

  const key = JSON.stringify({ ...values, drawing: resolved.kind === 'drawn' ? values.drawing : '' });
  useEffect(() => {
    if (!controller || blank) return;
    const timer = setTimeout(() => {
      const digit =
        resolved.kind === 'test'
          ? ({ kind: 'test', index: resolved.testIndex } as const)
          : digitRequest({ kind: 'pixels', pixels: resolved.preprocessed.pixels });
      controller.attack(attackRequest(values, digit));
    }, 80);
    return () => clearTimeout(timer);
  }, [controller, key, blank]);

  const r = worker.attack;
  const pgd = values.attack === 'pgd';
  const testPixels = r && r.request.digit.kind === 'test' ? r.original : null;
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeAttack(r, worker.error, blank)}
      backend={worker.backend ?? 'starting…'}
      state={state}
      error={worker.error}
      metrics={{
        before: r ? topClass(r.before) : null,
        after: r ? topClass(r.after) : null,
        success: r ? (succeeded(r) ? 'yes' : 'no') : null,
        linf: r ? r.linf : null,
        attackMs: r ? Math.round(r.ms) : null,
        tensors: worker.numTensors,
        backend: worker.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={['model', 'source']} />
      <BackendNote backend={worker.backend} fallbacks={worker.fallbacks} />
      <DigitInput id={id} values={values} set={state.set} testPixels={testPixels} onNotice={state.addNotice} />
      <ParamControls
        widgetId={id}
        specs={params}
        values={values}
        set={state.set}
        keys={
          pgd
            ? ['attack', 'target', 'epsilon', 'steps', 'stepSize', 'randomStart', 'seed']
            : ['attack', 'target', 'epsilon', 'seed']
        }
      />
      {blank ? <p class="chart-note">Draw a digit on the pad to attack it.</p> : r && <AttackPanel result={r} />}
    </WidgetShell>
  );
}
