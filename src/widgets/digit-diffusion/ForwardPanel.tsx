/** The forward half: a real held-out digit noised in closed form at t, and the same ε along a strip of t. */
import { useMemo } from 'preact/hooks';
import { ParamControls } from '../../lib/ui/ParamControl';
import type { WidgetState } from '../../lib/ui/use-widget-state';
import { DigitCanvas } from './DigitCanvas';
import { imageToModel, toInkBytes, type DigitSet } from './digits-data';
import { describeNoised, forwardNoise, forwardView, formatAlphaBar, formatSnr, T } from './forward';
import { FORWARD_KEYS, params } from './params';

export function ForwardPanel(props: {
  id: string;
  state: WidgetState<typeof params>;
  heldout: DigitSet | null;
  loadError: string | null;
}) {
  const { id, state, heldout, loadError } = props;
  const { values } = state;
  // Plain math, recomputed on every slider tick (196 pixels × 12 images).
  const label = values.image % 10;
  const x0 = useMemo(() => (heldout ? imageToModel(heldout, values.image) : null), [heldout, values.image]);
  const eps = useMemo(() => forwardNoise(values.seed, values.image), [values.seed, values.image]);
  const forward = useMemo(
    () => (x0 ? forwardView(values.schedule, values.t, x0, eps) : null),
    [x0, eps, values.schedule, values.t],
  );
  return (
    <>
      <h3 class="digit-heading">Forward: noising a real digit</h3>
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={[...FORWARD_KEYS]} />
      {forward && x0 ? (
        <div class="digit-forward" data-alpha-bar={forward.chosen.alphaBar} data-t={values.t}>
          <div class="digit-pair">
            <figure>
              <DigitCanvas
                ink={toInkBytes(x0)}
                size={112}
                label={describeNoised(forward.clean, label, values.schedule)}
              />
              <figcaption>
                x₀: real digit {values.image} (a {label})
              </figcaption>
            </figure>
            <figure>
              <DigitCanvas
                ink={toInkBytes(forward.chosen.pixels)}
                size={112}
                label={describeNoised(forward.chosen, label, values.schedule)}
              />
              <figcaption>x_t at t = {values.t}</figcaption>
            </figure>
            <dl class="digit-numbers">
              <div>
                <dt>ᾱ_t</dt>
                <dd>{formatAlphaBar(forward.chosen.alphaBar)}</dd>
              </div>
              <div>
                <dt>SNR = ᾱ_t / (1 − ᾱ_t)</dt>
                <dd>{formatSnr(forward.chosen.snr)}</dd>
              </div>
              <div>
                <dt>x_t =</dt>
                <dd>
                  {Math.sqrt(forward.chosen.alphaBar).toFixed(2)}·x₀ +{' '}
                  {Math.sqrt(1 - forward.chosen.alphaBar).toFixed(2)}
                  ·ε
                </dd>
              </div>
              <div>
                <dt>Correlation of x_t with x₀</dt>
                <dd>{forward.chosen.correlation.toFixed(2)}</dd>
              </div>
            </dl>
          </div>
          <ol class="digit-strip" aria-label={`The same ${label} at ${forward.strip.length} noise levels`}>
            {forward.strip.map((n) => (
              <li key={n.t}>
                <DigitCanvas ink={toInkBytes(n.pixels)} size={48} label={describeNoised(n, label, values.schedule)} />
                <span>t = {n.t}</span>
                <span>ᾱ {formatAlphaBar(n.alphaBar)}</span>
              </li>
            ))}
          </ol>
          <p class="chart-note">
            Same ε at every t. The schedule changes only this forward view: the denoiser below was trained with the
            linear schedule, T = {T}.
          </p>
        </div>
      ) : (
        <p class="chart-note">{loadError ? 'The real digits could not load.' : 'Loading 500 real digits (98 kB)…'}</p>
      )}
    </>
  );
}
