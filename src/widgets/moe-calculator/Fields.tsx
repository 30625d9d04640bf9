/**
 * Typed number fields for the calculator: model sizes are exact integers read off a config file
 * (14336, 32000), which sliders make hard to set. Each field is validated with the params' own rules
 * (coerceParam): a value out of range or off the step gets a message beside the field and is not used.
 */
import { useEffect, useState } from 'preact/hooks';
import { coerceParam, type NumberSpec, type ParamSpec, type ParamSpecs, type ParamValues } from '../../lib/params';
import { ParamControl } from '../../lib/ui/ParamControl';

function NumberField(props: { id: string; spec: NumberSpec; value: number; onChange: (v: number) => void }) {
  const { id, spec, value, onChange } = props;
  const [text, setText] = useState(String(value));
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (Number(text) !== value) setText(String(value));
  }, [value]);
  const input = (raw: string) => {
    setText(raw);
    const { value: v, notice } = coerceParam(spec, raw, spec.label, value);
    setMessage(notice ?? null);
    if (!notice) onChange(v);
  };
  return (
    <div class="control control-text">
      <label for={id}>{spec.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={text}
        aria-invalid={message !== null}
        aria-describedby={`${id}-doc`}
        onInput={(e) => input((e.currentTarget as HTMLInputElement).value)}
        onBlur={() => {
          setText(String(value));
          setMessage(null);
        }}
      />
      <small id={`${id}-doc`} class={message ? 'field-error' : undefined}>
        {message ?? spec.doc}
      </small>
    </div>
  );
}

/** Number params as typed fields; choices and booleans as the runtime's controls. */
export function CalculatorFields<S extends ParamSpecs>(props: {
  widgetId: string;
  specs: S;
  values: ParamValues<S>;
  set: <K extends keyof S & string>(key: K, value: ParamValues<S>[K]) => void;
}) {
  const { widgetId, specs, values, set } = props;
  return (
    <div class="widget-controls">
      {(Object.entries(specs) as [keyof S & string, ParamSpec][]).map(([name, spec]) =>
        spec.kind === 'number' ? (
          <NumberField
            key={name}
            id={`${widgetId}-${name}`}
            spec={spec}
            value={values[name] as number}
            onChange={(v) => set(name, v as ParamValues<S>[typeof name])}
          />
        ) : (
          <ParamControl
            key={name}
            widgetId={widgetId}
            name={name}
            spec={spec}
            value={values[name]}
            onChange={(v: never) => set(name, v)}
          />
        ),
      )}
    </div>
  );
}
