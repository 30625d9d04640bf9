/**
 * The cell's editor: CodeMirror 6, loaded by the view with a dynamic import only once the cell nears
 * the viewport (its island hydrates then), so no page pays for it before. JavaScript and TypeScript
 * highlighting with the same `tok-*` classes as the build-time highlighting of the static figure
 * (styles.css colours them from the site's theme variables, so dark mode follows the site).
 *
 * Keyboard: Tab indents (Shift+Tab dedents). To leave the editor with the keyboard, press Escape,
 * then Tab (or Shift+Tab): CodeMirror lets the next Tab move focus. Ctrl+M (Shift+Alt+M on macOS)
 * switches Tab to moving focus until pressed again. Ctrl+Enter / Cmd+Enter runs the cell.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

export interface CellEditor {
  getCode(): string;
  setCode(code: string): void;
  /** Puts the cursor on a line (1-based) and focuses the editor: where an error points. */
  goToLine(line: number): void;
  destroy(): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  code: string;
  /** The accessible name of the editing area. */
  label: string;
  /** id of the element that describes the keys (the note under the editor). */
  describedBy: string;
  onChange(code: string): void;
  onRun(): void;
}

export function createEditor(o: EditorOptions): CellEditor {
  const run = () => {
    o.onRun();
    return true;
  };
  const view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.code,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        javascript({ typescript: true }),
        syntaxHighlighting(classHighlighter),
        keymap.of([{ key: 'Mod-Enter', run, preventDefault: true }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({
          'aria-label': o.label,
          'aria-describedby': o.describedBy,
          spellcheck: 'false',
          autocorrect: 'off',
          autocapitalize: 'off',
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  // CodeMirror keeps an aria-live region for its search and lint panels, which this editor does not
  // load; the widget's one live region stays its summary sentence (the contract's, and less chatter).
  view.dom.querySelector('.cm-announced')?.removeAttribute('aria-live');
  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      if (code === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    goToLine(line) {
      const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
      view.dispatch({ selection: { anchor: l.from }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
