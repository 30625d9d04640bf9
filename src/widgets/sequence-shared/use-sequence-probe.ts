/**
 * The reader's own digit sequence, for widgets that train a model on the sequence tasks (the attention
 * playground, routing tokens): parsed from the text field, the seed's example when the field is
 * empty, and the last valid sequence kept while the field holds a typo. A new valid sequence only
 * re-inspects the current model (`setProbe`); it never builds a new one.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { defaultProbe } from '../../math/seeds';
import { parseSequence, type ParseResult } from '../../math/tasks';

export interface SequenceValues {
  input: string;
  seed: number;
  length: number;
}

export function useSequenceProbe(
  values: SequenceValues,
  /** The tokens the model last inspected, or null before its first answer. */
  shown: readonly number[] | null,
  setProbe: ((digits: number[]) => void) | undefined,
): { parsed: ParseResult; lastGood: { readonly current: number[] } } {
  const { input, seed, length } = values;
  const parsed = useMemo(
    () =>
      input.trim() === '' ? { ok: true as const, digits: defaultProbe(seed, length) } : parseSequence(input, length),
    [input, seed, length],
  );
  const lastGood = useRef<number[]>(parsed.ok ? parsed.digits : defaultProbe(seed, length));
  if (parsed.ok) lastGood.current = parsed.digits;

  const probeKey = parsed.ok ? parsed.digits.join('') : '';
  useEffect(() => {
    if (parsed.ok && shown && shown.slice(0, length).join('') !== probeKey) setProbe?.(parsed.digits);
  }, [probeKey]);
  return { parsed, lastGood };
}
