/**
 * A code cell's state hook: the runtime's URL state (src/lib/url-state.ts) with the cell's own rule for
 * its `code` param, whose value is a compressed token (src/lib/notebook/codec.ts). A token in the link
 * that does not decode is refused with a notice and the lesson's code is shown; edited code is written
 * to the link a moment after typing stops, and code too long for a link stays in the cell with a
 * notice (the link then keeps the last version that fitted).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { decodeCode, encodeCode } from '../../lib/notebook/codec';
import { defaultValues } from '../../lib/params';
import type { WidgetState } from '../../lib/ui/use-widget-state';
import { readWidgetState, writeWidgetState } from '../../lib/url-state';
import { params, type CellParams } from './params';

/** Typing pauses this long before the link is rewritten. */
const WRITE_AFTER_MS = 400;

export interface CellStateHook
  extends Pick<WidgetState<typeof params>, 'values' | 'notices' | 'dismissNotices' | 'addNotice' | 'reset'> {
  /** The program shown in the editor. */
  code: string;
  /** The code came from the link and differs from the lesson's. */
  fromLink: boolean;
  setCode(code: string): void;
  setLimit(seconds: number): void;
}

export function useCellState(id: string, base: Partial<CellParams>, lessonCode: string): CellStateHook {
  const start = { ...defaultValues(params), ...base } as CellParams;
  const initial = useMemo(() => {
    if (typeof location === 'undefined')
      return { values: start, notices: [] as string[], code: lessonCode, fromLink: false };
    const read = readWidgetState(params, id, base);
    const notices = [...read.notices];
    let values = read.values;
    let code = lessonCode;
    let fromLink = false;
    if (values.code !== start.code) {
      const decoded = decodeCode(values.code);
      if (decoded.ok) {
        code = decoded.code;
        fromLink = decoded.code !== lessonCode;
      } else {
        notices.push(`${decoded.reason} Showing the lesson’s code instead.`);
        values = { ...values, code: start.code };
      }
    }
    return { values, notices, code, fromLink };
  }, []);
  const [values, setValues] = useState<CellParams>(initial.values);
  const [notices, setNotices] = useState(initial.notices);
  const [code, setCodeState] = useState(initial.code);
  const [fromLink, setFromLink] = useState(initial.fromLink);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const valuesRef = useRef(values);
  valuesRef.current = values;

  const addNotice = useCallback((n: string) => setNotices((prev) => (prev.includes(n) ? prev : [...prev, n])), []);
  const write = (next: CellParams) => {
    valuesRef.current = next;
    setValues(next);
    writeWidgetState(params, next, id, base);
  };

  const setCode = useCallback((next: string) => {
    setCodeState(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const encoded = next === lessonCode ? { ok: true as const, token: start.code } : encodeCode(next);
      if (encoded.ok) write({ ...valuesRef.current, code: encoded.token });
      else addNotice(`${encoded.reason} Your code stays in the cell, but the link keeps its last version that fitted.`);
    }, WRITE_AFTER_MS);
  }, []);

  const setLimit = useCallback((seconds: number) => write({ ...valuesRef.current, limit: seconds }), []);

  const reset = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    write(start);
    setNotices([]);
    setCodeState(lessonCode);
    setFromLink(false);
  }, []);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return {
    values,
    notices,
    dismissNotices: useCallback(() => setNotices([]), []),
    addNotice,
    reset,
    code,
    fromLink,
    setCode,
    setLimit,
  };
}
