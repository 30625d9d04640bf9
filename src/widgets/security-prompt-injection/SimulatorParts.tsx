/**
 * The simulator's panels. Every text here, the reader's document included, is rendered as a Preact text
 * child (escaped by the renderer): no innerHTML, no links made clickable, nothing fetched or run.
 */
import { DEFENCE_SETTINGS, type verdictTable } from '../../math/security-prompt-attacks';
import {
  CLOSE_MARKER,
  GOAL_LABELS,
  OPEN_MARKER,
  RULES,
  type SimulationResult,
} from '../../math/security-prompt-injection';

const SOURCE_LABELS = { system: 'system', user: 'user', document: 'document' } as const;

export function TracePanel({ result }: { result: SimulationResult }) {
  if (result.trace.length === 0) {
    return <p class="chart-note">The reader found no instruction it recognises in the document.</p>;
  }
  return (
    <ol class="pi-trace">
      {result.trace.map((t, i) => (
        <li key={i}>
          <span class={t.followed ? 'pi-tag pi-bad' : 'pi-tag pi-good'}>{t.followed ? 'followed' : 'ignored'}</span>{' '}
          <span class="pi-tag">{t.instruction.kind}</span> from the {SOURCE_LABELS[t.sentence.source]}
          {t.sentence.quoted ? ' (quoted)' : ''}: <q class="pi-text">{t.sentence.text}</q> — {t.verdict}.
        </li>
      ))}
    </ol>
  );
}

export function OutputPanel({ result, reached }: { result: SimulationResult; reached: (keyof typeof GOAL_LABELS)[] }) {
  return (
    <div class="pi-output">
      <p class="chart-label">The assistant’s answer, shown to the user (as text):</p>
      <pre class="pi-text pi-answer" data-testid="pi-answer">
        {result.answer}
      </pre>
      <p>
        <strong>Links the chat page would load at once:</strong>{' '}
        {result.links.length === 0
          ? 'none.'
          : result.links.map((u, i) => (
              <code key={i} class="pi-text">
                {u}
              </code>
            ))}
      </p>
      <p>
        <strong>Tool calls:</strong>{' '}
        {result.toolCalls.length === 0
          ? 'none.'
          : result.toolCalls.map((c, i) => (
              <span key={i} class="pi-call">
                <code class="pi-text">
                  {c.tool}(
                  {Object.entries(c.args)
                    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
                    .join(', ')}
                  )
                </code>{' '}
                {c.executed ? 'ran' : 'blocked'}: {c.reason}.
              </span>
            ))}
      </p>
      {result.removed.length > 0 && <p>The output check removed: {result.removed.join('; ')}.</p>}
      <p class="pi-verdict" data-testid="pi-verdict">
        {reached.length > 0 ? `Hijacked: ${reached.map((g) => GOAL_LABELS[g]).join('; ')}.` : 'Not hijacked.'}
      </p>
    </div>
  );
}

const VERDICT_TEXT = { hijacked: 'hijacked', stopped: 'stopped', works: 'works', broken: 'broken' } as const;

export function VerdictTable({ rows, current }: { rows: ReturnType<typeof verdictTable>; current: string }) {
  return (
    <div class="pi-scroll" role="region" tabIndex={0} aria-label="Table: every attack under every defence">
      <table class="pi-table">
        <caption>The fixed list of attacks, replayed under each defence alone and all four together</caption>
        <thead>
          <tr>
            <th scope="col">Attack</th>
            {DEFENCE_SETTINGS.map((s) => (
              <th key={s.id} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ attack, verdicts }) => (
            <tr key={attack.id} class={attack.id === current ? 'pi-current' : undefined}>
              <th scope="row">{attack.title}</th>
              {verdicts.map((v, i) => (
                <td key={i} class={v === 'hijacked' || v === 'broken' ? 'pi-bad' : 'pi-good'}>
                  {VERDICT_TEXT[v]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RulesList() {
  return (
    <details class="pi-rules">
      <summary>The simulated assistant’s rules, in full</summary>
      <p>
        It reads its context one sentence at a time (system instructions, the user’s request, then the retrieved
        document) and gives each sentence at most one instruction, from the first rule that matches:
      </p>
      <ol>
        {RULES.map((r) => (
          <li key={r.name}>
            <strong>{r.name}</strong>: {r.describe}.
          </li>
        ))}
      </ol>
      <p>
        It follows an instruction from the document exactly as one from the user, unless the delimit defence is on, the
        sentence lies between {OPEN_MARKER} and {CLOSE_MARKER}, and it does not claim authority (“SYSTEM:”, “the user
        says”). Its summary is the document’s first two sentences that give no instruction. With the planner, the
        document goes to a reader that knows neither the notes nor any tool.
      </p>
    </details>
  );
}
