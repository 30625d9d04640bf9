/**
 * The live pruning lab: a shipped MLP or CNN pruned in the Worker under the reader's settings, scored on
 * the 2,000 test digits, swept over sparsities, optionally fine-tuned with its mask fixed; or the
 * lottery-ticket experiment. The view sends a new request whenever the settings rest.
 */
import { useEffect } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote, ProgressBar } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { INITIAL_STATE, PruneLabController } from './controller';
import { PrunePanel, TicketPanel } from './PruneParts';
import { params, PRUNE_KEYS, TICKET_KEYS } from './params';
import { pruneRequest, ticketRequest } from './requests';
import { describePruneLab } from './summary';

export default function PruneLabView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: s,
    status,
  } = useModelWidget(params, props, (o) => new PruneLabController(o), INITIAL_STATE);
  const { values } = state;
  const ticket = values.experiment === 'ticket';
  const key = ticket ? JSON.stringify(ticketRequest(values)) : JSON.stringify(pruneRequest(values));
  useEffect(() => {
    if (!controller) return;
    const timer = setTimeout(
      () => (ticket ? controller.ticket(ticketRequest(values)) : controller.prune(pruneRequest(values))),
      150,
    );
    return () => clearTimeout(timer);
  }, [controller, key]);

  const r = s.job === 'prune' ? s.result : null;
  const last = s.ticket[s.ticket.length - 1];
  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describePruneLab(s)}
      backend={s.backend ?? 'starting…'}
      state={state}
      error={s.error}
      metrics={{
        experiment: s.job,
        sparsity: r ? Number(r.sparsity.toFixed(4)) : null,
        accuracy: r?.pruned.accuracy ?? null,
        fineTunedAccuracy: r?.fineTuned?.accuracy ?? null,
        floatAccuracy: r?.float.accuracy ?? null,
        denseBytes: r?.denseBytes ?? null,
        sparseBytes: r?.sparseBytes ?? null,
        multiplyAdds: r?.multiplyAdds ?? null,
        sweepRows: s.rows.length,
        ticketRounds: s.ticket.length,
        ticketRewound: last?.rewound ?? null,
        ticketRandom: last?.random ?? null,
        tensors: s.numTensors,
        backend: s.backend,
      }}
    >
      <ParamControls
        widgetId={id}
        specs={params}
        values={values}
        set={state.set}
        keys={[...(ticket ? TICKET_KEYS : PRUNE_KEYS)]}
      />
      <BackendNote backend={s.backend} fallbacks={s.fallbacks} />
      {s.phase === 'running' && (
        <ProgressBar
          id={`${id}-progress`}
          value={s.progress.done}
          max={s.progress.total || 1}
          label={`${ticket ? 'Lottery ticket' : 'Pruning'}: ${s.progress.step}…`}
        />
      )}
      {!ticket && r && <PrunePanel id={id} result={r} rows={s.rows} />}
      {ticket && s.ticket.length > 0 && <TicketPanel id={id} rows={s.ticket} request={s.ticketRequest} />}
    </WidgetShell>
  );
}
