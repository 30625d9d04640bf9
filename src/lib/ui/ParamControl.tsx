/**
 * One native, labelled control per declared param: a range slider with its value for numbers, a select
 * for choices, a checkbox for booleans. Keyboard use comes with the native elements; the description
 * is tied to the control by aria-describedby.
 */
import type { NumberSpec, ParamSpec, ParamSpecs, ParamValues } from '../params';
import { snapNumber } from '../params';

interface Props {
  /** Page-unique id prefix (the widget id). */
  widgetId: string;
  name: string;
  spec: ParamSpec;
  value: unknown;
  onChange: (value: never) => void;
  disabled?: boolean;
}

function formatNumber(spec: NumberSpec, value: number): string {
  if (spec.scale === 'log') return value.toPrecision(spec.digits ?? 2).replace(/\.?0+e/, 'e');
  const decimals = Math.max(0, -Math.floor(Math.log10(spec.step)));
  return `${value.toFixed(decimals)}${spec.unit ? ` ${spec.unit}` : ''}`;
}

export function ParamControl({ widgetId, name, spec, value, onChange, disabled }: Props) {
  const id = `${widgetId}-${name}`;
  const help = spec.doc ? <small id={`${id}-doc`}>{spec.doc}</small> : null;
  const describedBy = spec.doc ? `${id}-doc` : undefined;
  const emit = onChange as (v: unknown) => void;

  switch (spec.kind) {
    case 'number': {
      const n = value as number;
      const log = spec.scale === 'log';
      // A log slider moves over log10(value); the value is snapped back onto the param's grid.
      const toSlider = (v: number) => (log ? Math.log10(v) : v);
      const fromSlider = (s: number) => snapNumber(spec, log ? 10 ** s : s);
      return (
        <div class="control control-number">
          {/* The value sits beside the label, not inside it, so the slider's accessible name is just its label. */}
          <div class="control-head">
            <label for={id}>{spec.label}</label> <output for={id}>{formatNumber(spec, n)}</output>
          </div>
          <input
            id={id}
            type="range"
            min={toSlider(spec.min)}
            max={toSlider(spec.max)}
            step={log ? 0.01 : spec.step}
            value={toSlider(n)}
            aria-valuetext={formatNumber(spec, n)}
            aria-describedby={describedBy}
            disabled={disabled}
            onInput={(e) => emit(fromSlider(Number((e.currentTarget as HTMLInputElement).value)))}
          />
          {help}
        </div>
      );
    }
    case 'choice':
      return (
        <div class="control control-choice">
          <label for={id}>{spec.label}</label>
          <select
            id={id}
            value={value as string}
            aria-describedby={describedBy}
            disabled={disabled}
            onChange={(e) => emit((e.currentTarget as HTMLSelectElement).value)}
          >
            {spec.options.map((o) => (
              <option key={o} value={o}>
                {spec.optionLabels?.[o] ?? o}
              </option>
            ))}
          </select>
          {help}
        </div>
      );
    case 'boolean':
      return (
        <div class="control control-boolean">
          <input
            id={id}
            type="checkbox"
            checked={value as boolean}
            aria-describedby={describedBy}
            disabled={disabled}
            onChange={(e) => emit((e.currentTarget as HTMLInputElement).checked)}
          />
          <label for={id}>{spec.label}</label>
          {help}
        </div>
      );
    case 'text':
      return (
        <div class="control control-text">
          <label for={id}>{spec.label}</label>
          <input
            id={id}
            type="text"
            value={value as string}
            maxLength={spec.maxLength}
            aria-describedby={describedBy}
            disabled={disabled}
            onInput={(e) => emit((e.currentTarget as HTMLInputElement).value)}
          />
          {help}
        </div>
      );
  }
}

interface ControlsProps<S extends ParamSpecs> {
  widgetId: string;
  specs: S;
  values: ParamValues<S>;
  set: <K extends keyof S & string>(key: K, value: ParamValues<S>[K]) => void;
  /** Which params to show, in order (default: all, in declaration order). */
  keys?: (keyof S & string)[];
  disabled?: boolean;
  /** Bounds that depend on other params, e.g. a probe position below the sequence length. */
  limits?: Partial<Record<keyof S & string, { max?: number }>>;
}

/** A grid of controls for a widget's params. */
export function ParamControls<S extends ParamSpecs>({
  widgetId,
  specs,
  values,
  set,
  keys,
  disabled,
  limits,
}: ControlsProps<S>) {
  const names = keys ?? (Object.keys(specs) as (keyof S & string)[]);
  return (
    <div class="widget-controls">
      {names.map((name) => {
        const spec = specs[name];
        const max = limits?.[name]?.max;
        const bounded = spec.kind === 'number' && max !== undefined ? { ...spec, max: Math.min(spec.max, max) } : spec;
        return (
          <ParamControl
            key={name}
            widgetId={widgetId}
            name={name}
            spec={bounded}
            value={values[name]}
            disabled={disabled}
            onChange={(v: never) => set(name, v)}
          />
        );
      })}
    </div>
  );
}
