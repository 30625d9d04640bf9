/**
 * The live prompt-injection simulator (a plain-JavaScript widget: no model, no Worker). The reader picks
 * or writes the retrieved document and switches defences; the pipeline (src/math/security-prompt-injection.ts)
 * runs on every change and the view shows its trace, answer, links and tool calls as text, and the table of
 * every attack under every defence.
 */
import { useCallback, useMemo } from 'preact/hooks';
import { PlotMount } from '../../lib/ui/PlotMount';
import { ParamControls } from '../../lib/ui/ParamControl';
import type { WidgetViewProps } from '../../lib/ui/use-controller';
import { useWidgetState } from '../../lib/ui/use-widget-state';
import { PlainWidgetShell } from '../../lib/ui/WidgetShell';
import { DEFENCE_SETTINGS, verdictTable } from '../../math/security-prompt-attacks';
import { MAX_DOCUMENT, SYSTEM_PROMPT, USER_REQUEST } from '../../math/security-prompt-injection';
import { stoppedChart, stoppedRows } from './charts';
import { computeSimulator } from './compute';
import { params } from './params';
import { OutputPanel, RulesList, TracePanel, VerdictTable } from './SimulatorParts';

const TABLE = verdictTable();
const STOPPED = stoppedRows(DEFENCE_SETTINGS, TABLE);

export default function SimulatorView({ id, base }: WidgetViewProps<typeof params>) {
  const state = useWidgetState(params, id, base);
  const { values } = state;
  const view = useMemo(() => computeSimulator(values), [values]);
  const drawStopped = useCallback(() => stoppedChart(STOPPED), []);
  const attackCount = TABLE.filter((r) => r.attack.goals.length > 0).length;
  const edit = (text: string) => {
    if (values.attack !== 'custom') state.set('attack', 'custom');
    state.set('document', text.slice(0, MAX_DOCUMENT));
  };
  return (
    <PlainWidgetShell
      widgetId={id}
      summary={view.summary}
      state={state}
      metrics={{
        hijacked: view.hijacked ? 'yes' : 'no',
        links: view.result.links.length,
        toolCallsRun: view.result.toolCalls.filter((c) => c.executed).length,
        instructionsFollowed: view.result.trace.filter((t) => t.followed).length,
        attacks: attackCount,
      }}
    >
      <p class="pi-banner" role="note">
        <strong>A simulation: no language model runs here.</strong> The “assistant” is a short list of rules (below, and
        on the code page) that stands in for a model’s habit of following instructions wherever they appear.
      </p>
      <div class="pi-context">
        <p class="chart-label">System instructions (the developer’s, trusted):</p>
        <pre class="pi-text">{SYSTEM_PROMPT}</pre>
        <p class="chart-label">The user’s request (trusted):</p>
        <pre class="pi-text">{USER_REQUEST}</pre>
      </div>
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={['attack']} />
      <label class="pi-editor" for={`${id}-doc`}>
        Retrieved document (untrusted; edit it and watch the assistant)
      </label>
      <textarea
        id={`${id}-doc`}
        class="pi-text"
        rows={4}
        maxLength={MAX_DOCUMENT}
        value={view.document}
        onInput={(e) => edit((e.target as HTMLTextAreaElement).value)}
      />
      {view.attack && <p class="chart-note">The trick: {view.attack.how}.</p>}
      <fieldset class="pi-defences">
        <legend>Defences</legend>
        <ParamControls
          widgetId={id}
          specs={params}
          values={values}
          set={state.set}
          keys={['delimit', 'planner', 'allowlist', 'outputCheck']}
        />
      </fieldset>
      <p class="pi-heading">
        <strong>What the assistant read and did</strong>
      </p>
      <TracePanel result={view.result} />
      <OutputPanel result={view.result} reached={view.reached} />
      <p class="pi-heading">
        <strong>Every attack, every defence</strong>
      </p>
      <VerdictTable rows={TABLE} current={values.attack} />
      <PlotMount make={drawStopped} />
      <RulesList />
    </PlainWidgetShell>
  );
}
