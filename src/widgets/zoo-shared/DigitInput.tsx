/**
 * The shared digit input: pick one of the 2,000 test digits (by class and number) or draw one, and see
 * beside it the 28 × 28 image the model actually receives (a drawing after MNIST's preprocessing: fit
 * into 20 × 20, centre of mass at the centre). All of it lives in the widget's URL state through
 * digitInputParams (digit-input.ts); a drawing is stored with the strict codec and what the model gets
 * is computed from the stored drawing.
 *
 * The component computes nothing with a model: the widget sends `resolved` (a test index, or the
 * drawing's pixels) to its worker and passes back the test digit's pixels (ClassifyResult.pixels) to show.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { ParamControl } from '../../lib/ui/ParamControl';
import { DRAW_SIDE, type Stroke } from '../../math/digits';
import { DigitImage } from './DigitImage';
import { DigitPad } from './DigitPad';
import {
  describePreprocessing,
  digitInputParams,
  drawingText,
  resolveDigitInput,
  type DigitInputValues,
  type ResolvedDigitInput,
} from './digit-input';

/** The widget state's setter (any widget whose params include digitInputParams: its useWidgetState().set). */
type Setter = (key: keyof DigitInputValues, value: DigitInputValues[keyof DigitInputValues]) => void;

interface Props {
  /** Page-unique prefix for element ids (the widget id). */
  id: string;
  values: DigitInputValues;
  set: Setter;
  /** The picked test digit's 784 pixels once the worker has them (null while loading). */
  testPixels: Float32Array | null;
  /** Called once with what the codec dropped from a drawn digit in the URL (for the widget's notices). */
  onNotice?: (notice: string) => void;
  disabled?: boolean;
  /** Shown beside the image: the model's answer, typically. */
  children?: ComponentChildren;
}

const IMAGE = 112;

const row = { display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' } as const;
const caption = { fontSize: '0.85rem', maxWidth: '14rem', margin: '0.25rem 0 0' } as const;

/** The input resolved from the values, memoised on them (a drawing is decoded and preprocessed once). */
export function useResolvedDigitInput(values: DigitInputValues): ResolvedDigitInput {
  const { input, digit, index, drawing } = values;
  return useMemo(() => resolveDigitInput({ input, digit, index, drawing }), [input, digit, index, drawing]);
}

export function DigitInput({ id, values, set, testPixels, onNotice, disabled, children }: Props) {
  const resolved = useResolvedDigitInput(values);
  useEffect(() => {
    if (resolved.kind === 'drawn' && resolved.notice) onNotice?.(resolved.notice);
  }, []);
  const kinds = digitInputParams.input;
  return (
    <div class="digit-input">
      <fieldset class="control" style={{ border: 'none', padding: 0, margin: '0.5rem 0' }}>
        <legend style={{ fontWeight: 600, padding: 0 }}>{kinds.label}</legend>
        <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
          {kinds.options.map((k) => (
            <label
              key={k}
              style={{ display: 'inline-flex', alignItems: 'center', gap: '0.35rem', minHeight: '1.5rem' }}
            >
              <input
                type="radio"
                name={`${id}-input-kind`}
                value={k}
                checked={values.input === k}
                disabled={disabled}
                onChange={() => set('input', k)}
                style={{ width: '1.5rem', height: '1.5rem', margin: 0, accentColor: 'var(--accent)' }}
              />
              {kinds.optionLabels?.[k] ?? k}
            </label>
          ))}
        </div>
      </fieldset>
      {resolved.kind === 'test' ? (
        <div style={row}>
          <div style={{ flex: '1 1 14rem', maxWidth: '22rem' }}>
            {(['digit', 'index'] as const).map((key) => (
              <ParamControl
                key={key}
                widgetId={id}
                name={key}
                spec={digitInputParams[key]}
                value={values[key]}
                disabled={disabled}
                onChange={(v: never) => set(key, v)}
              />
            ))}
            <div class="widget-buttons">
              <button
                type="button"
                disabled={disabled || values.index === 0}
                onClick={() => set('index', values.index - 1)}
              >
                Previous {values.digit}
              </button>
              <button
                type="button"
                disabled={disabled || values.index === digitInputParams.index.max}
                onClick={() => set('index', values.index + 1)}
              >
                Next {values.digit}
              </button>
            </div>
          </div>
          <figure style={{ margin: 0 }}>
            <DigitImage
              pixels={testPixels}
              size={IMAGE}
              label={`Test digit ${values.index} of class ${values.digit}, 28 × 28 pixels${testPixels ? '' : ' (loading)'}`}
            />
            <figcaption style={caption}>
              Test digit {values.index} of class {values.digit} (number {resolved.testIndex} of the test split): what
              the model receives, 28 × 28.
            </figcaption>
          </figure>
          {children}
        </div>
      ) : (
        <div style={row}>
          <DigitPad
            id={id}
            strokes={resolved.strokes}
            disabled={disabled}
            onChange={(strokes: Stroke[]) => set('drawing', drawingText(strokes))}
          />
          <figure style={{ margin: 0 }}>
            <DigitImage
              pixels={resolved.preprocessed.pixels}
              size={IMAGE}
              label={`Your drawing as the model receives it, 28 × 28 pixels. ${describePreprocessing(resolved.preprocessed, DRAW_SIDE)}`}
            />
            <figcaption style={caption}>
              What the model receives, 28 × 28. {describePreprocessing(resolved.preprocessed, DRAW_SIDE)}
            </figcaption>
          </figure>
          {children}
        </div>
      )}
    </div>
  );
}
