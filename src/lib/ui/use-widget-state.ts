/**
 * The state hook every widget view uses: values decoded from the URL (URL > MDX props > defaults),
 * the notices for corrected values, and setters that write the URL back after the reader interacts.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { ParamSpecs, ParamValues } from '../params';
import { defaultValues } from '../params';
import { readWidgetState, writeWidgetState } from '../url-state';

export interface WidgetState<S extends ParamSpecs> {
  values: ParamValues<S>;
  notices: string[];
  set: <K extends keyof S & string>(key: K, value: ParamValues<S>[K]) => void;
  /** Back to the page's starting state; clears this widget's keys from the URL. */
  reset: () => void;
  dismissNotices: () => void;
  addNotice: (notice: string) => void;
}

export function useWidgetState<S extends ParamSpecs>(
  specs: S,
  widgetId: string,
  base: Partial<ParamValues<S>>,
): WidgetState<S> {
  const initial = useMemo(
    () =>
      typeof location === 'undefined'
        ? { values: { ...defaultValues(specs), ...base } as ParamValues<S>, notices: [] }
        : readWidgetState(specs, widgetId, base),
    // Decoded once per mount: later changes flow from the reader, not from the URL.
    [],
  );
  const [values, setValues] = useState(initial.values);
  const [notices, setNotices] = useState(initial.notices);

  const set = useCallback(
    <K extends keyof S & string>(key: K, value: ParamValues<S>[K]) => {
      setValues((prev) => {
        const next = { ...prev, [key]: value };
        writeWidgetState(specs, next, widgetId, base);
        return next;
      });
    },
    [specs, widgetId, base],
  );

  const reset = useCallback(() => {
    const start = { ...defaultValues(specs), ...base } as ParamValues<S>;
    writeWidgetState(specs, start, widgetId, base);
    setValues(start);
    setNotices([]);
  }, [specs, widgetId, base]);

  const dismissNotices = useCallback(() => setNotices([]), []);
  const addNotice = useCallback((n: string) => setNotices((prev) => (prev.includes(n) ? prev : [...prev, n])), []);

  return { values, notices, set, reset, dismissNotices, addNotice };
}
