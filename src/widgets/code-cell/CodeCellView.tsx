/**
 * A code cell: the editor (CodeMirror, imported only once this island hydrates, i.e. when the cell nears
 * the viewport), Run and Stop, the time limit, and the output of the last run. Nothing typed runs on
 * this thread: the controller sends it to the cell's sandbox Worker and terminates that Worker at the
 * time limit or on Stop. Before the first Run the output area shows the lesson code's output recorded
 * at build time (for the lesson's own code only).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { coerceParam } from '../../lib/params';
import { useController } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import type { BindingSet } from './binding-docs';
import { BindingList, MemoryNote, OutputItems } from './CellParts';
import { CellController, INITIAL_CELL } from './controller';
import type { CellEditor } from './editor';
import type { OutputItem } from './output';
import { params, type CellParams } from './params';
import { describeCell } from './summary';
import { useCellState } from './use-cell-state';

interface Props {
  id: string;
  base: Partial<CellParams>;
  /** The lesson's code (what Reset restores). */
  lessonCode: string;
  sets: BindingSet[];
  /** The lesson code's output, recorded at build time. */
  saved: OutputItem[];
  /** What the code is, for the editor's accessible name. */
  label: string;
}

export default function CodeCellView({ id, base, lessonCode, sets, saved, label }: Props) {
  const state = useCellState(id, base, lessonCode);
  const limit = state.values.limit;
  const {
    controller,
    state: cell,
    status,
  } = useController(
    (backends) => new CellController({ backends, baseUrl: import.meta.env.BASE_URL, sets, limitMs: limit * 1000 }),
    INITIAL_CELL,
    state.addNotice,
  );
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const editor = useRef<CellEditor | null>(null);
  const [editorState, setEditorState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [elapsed, setElapsed] = useState(0);
  const runRef = useRef(() => {});
  const keysId = `${id}-keys`;

  runRef.current = () => {
    if (!controller || cell.phase !== 'ready') return;
    controller.run(editor.current?.getCode() ?? state.code);
  };

  useEffect(() => controller?.setLimit(limit * 1000), [controller, limit]);

  useEffect(() => {
    if (!host) return;
    let alive = true;
    import('./editor')
      .then(({ createEditor }) => {
        if (!alive) return;
        host.replaceChildren();
        editor.current = createEditor({
          parent: host,
          code: state.code,
          label: `Code: ${label}`,
          describedBy: keysId,
          onChange: state.setCode,
          onRun: () => runRef.current(),
        });
        setEditorState('ready');
      })
      .catch((err: unknown) => {
        setEditorState('failed');
        state.addNotice(`The editor could not load (${err instanceof Error ? err.message : String(err)}).`);
      });
    return () => {
      alive = false;
      editor.current?.destroy();
      editor.current = null;
    };
  }, [host]);

  // The elapsed time of a run, for the reader waiting on it.
  useEffect(() => {
    if (cell.phase !== 'running' || cell.runStartedAt === null) return;
    const started = cell.runStartedAt;
    const tick = setInterval(() => setElapsed(performance.now() - started), 200);
    return () => clearInterval(tick);
  }, [cell.phase, cell.runStartedAt]);

  const reset = () => {
    state.reset();
    editor.current?.setCode(lessonCode);
    controller?.clearOutput();
  };

  const setLimit = (raw: string) => {
    const { value, notice } = coerceParam(params.limit, raw);
    if (notice) state.addNotice(notice);
    state.setLimit(value);
  };

  const result = cell.result;
  const unedited = state.code === lessonCode;
  const showSaved = !result && !cell.stopped && unedited && cell.runs === 0;
  const running = cell.phase === 'running';
  const metrics = {
    runs: cell.runs,
    runMs: cell.lastRunMs === null ? null : Math.round(cell.lastRunMs),
    codeMs: result ? Number(result.durationMs.toFixed(1)) : null,
    tensors: result?.memory.heldTensors ?? null,
    bytes: result?.memory.heldBytes ?? null,
    backend: cell.backend,
  };

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeCell(cell, {
        fromLink: state.fromLink && !unedited ? true : state.fromLink,
        limitSeconds: limit,
      })}
      backend={cell.backend ?? undefined}
      state={{ ...state, reset }}
      error={cell.error}
      metrics={metrics}
    >
      <BindingList sets={sets} id={id} />
      <div class="cell-editor" ref={setHost} data-editor={editorState}>
        {/* Until CodeMirror arrives (or if it cannot), the code is shown as text. */}
        <pre class="cell-code-fallback" aria-label={`Code: ${label}`}>
          <code>{state.code}</code>
        </pre>
      </div>
      <p class="cell-keys" id={keysId}>
        Ctrl+Enter (⌘+Enter) runs. Tab indents; to leave the editor press Escape, then Tab.
      </p>
      <div class="widget-buttons cell-buttons">
        <button
          type="button"
          class="primary"
          onClick={() => runRef.current()}
          disabled={cell.phase !== 'ready'}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          Run
        </button>
        <button type="button" onClick={() => controller?.stop()} disabled={!running}>
          Stop
        </button>
        <label class="cell-limit">
          Time limit
          <input
            type="number"
            min={params.limit.min}
            max={params.limit.max}
            step={1}
            value={limit}
            onChange={(e) => setLimit((e.target as HTMLInputElement).value)}
          />
          s
        </label>
        {running && (
          <span class="cell-elapsed" aria-hidden="true">
            running {(elapsed / 1000).toFixed(1)} s of {limit} s…
          </span>
        )}
      </div>
      <div class="cell-output" role="region" aria-label={`Output of the cell: ${label}`}>
        {showSaved && saved.length > 0 && (
          <>
            <p class="cell-note">
              Output of the lesson’s code, recorded when the site was built. Press Run to run it here.
            </p>
            <OutputItems items={saved} cell={label} />
          </>
        )}
        {!showSaved && !result && !cell.stopped && !running && (
          <p class="cell-note">
            {state.fromLink ? 'This code came from the link and has not run yet.' : 'Not run yet.'}
          </p>
        )}
        {cell.stopped && (
          <p class="cell-error">
            <strong>Stopped</strong>{' '}
            {cell.stopped.reason === 'limit'
              ? `at the time limit of ${(cell.stopped.afterMs / 1000).toFixed(0)} s.`
              : `after ${(cell.stopped.afterMs / 1000).toFixed(1)} s.`}{' '}
            The code was still running; its sandbox was terminated and a fresh one started.
          </p>
        )}
        {cell.restartReason && <p class="cell-note">{cell.restartReason}</p>}
        {result && (
          <>
            <OutputItems items={result.outputs} cell={label} onGoToLine={(line) => editor.current?.goToLine(line)} />
            {result.outputs.length === 0 && <p class="cell-note">The code printed and returned nothing.</p>}
            {result.truncated && <p class="cell-note">Output was cut at the cell’s limits.</p>}
            <MemoryNote memory={result.memory} durationMs={result.durationMs} />
          </>
        )}
      </div>
    </WidgetShell>
  );
}
