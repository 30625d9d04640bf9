/** The text field for the reader's own digit sequence, with its help line or the parse error. */
import { defaultProbe } from '../../math/seeds';
import type { ParseResult } from '../../math/tasks';

export function SequenceInput(props: {
  id: string;
  length: number;
  seed: number;
  value: string;
  maxLength: number;
  parsed: ParseResult;
  onInput: (text: string) => void;
}) {
  const { id, length, value, maxLength, parsed, onInput } = props;
  return (
    <div class="control control-text">
      <label for={`${id}-input`}>Your input ({length} digits)</label>
      <input
        id={`${id}-input`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        placeholder={defaultProbe(props.seed, length).join(' ')}
        maxLength={maxLength}
        aria-invalid={!parsed.ok}
        aria-describedby={`${id}-input-help`}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
      />
      <small id={`${id}-input-help`} class={parsed.ok ? undefined : 'field-error'}>
        {parsed.ok ? 'Digits 0–9; spaces optional. Leave empty for the example shown.' : parsed.message}
      </small>
    </div>
  );
}
