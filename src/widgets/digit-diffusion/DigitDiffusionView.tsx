/**
 * The live "Diffusion on images" widget. Forward half: a real held-out digit noised in closed form
 * (plain math on the page). Reverse half: 16 digits of the asked class drawn by the pre-trained tiny
 * denoiser in a Worker (controller.ts), animated frame by frame with x̂_0 under x_t, then a scrubber
 * over the kept frames. The held-out digits and the weights' manifest load when the widget nears the
 * viewport; the weights themselves load in the Worker.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { pageBackendRequest } from '../../lib/backend-probe';
import { ParamControls } from '../../lib/ui/ParamControl';
import { useWidgetState } from '../../lib/ui/use-widget-state';
import { WidgetShell, type WidgetStatus } from '../../lib/ui/WidgetShell';
import { formatBytes } from '../../lib/format';
import { INITIAL_RUN_STATE, DigitDiffusionController, type DigitRunState } from './controller';
import { DigitCanvas } from './DigitCanvas';
import {
  DATA_DIR,
  heldoutLabels,
  HELDOUT_FILE,
  imageToModel,
  PIXELS,
  readDigitSet,
  toInkBytes,
  type DigitSet,
} from './digits-data';
import { describeNoised, forwardNoise, forwardView, formatAlphaBar, formatSnr, T } from './forward';
import { FORWARD_KEYS, params, SAMPLE_COUNT, SAMPLING_KEYS, type DigitDiffusionParams } from './params';
import { describeRequest, describeSampling } from './summary';
import { WEIGHTS_DIR, WEIGHTS_FILE, WEIGHTS_MANIFEST, type DigitDenoiserManifest } from './weights-io';

interface Props {
  id: string;
  base: Partial<DigitDiffusionParams>;
}

const assetUrl = (path: string) => `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${path}`;

async function fetchOk(url: string): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load ${url} (HTTP ${r.status})`);
  return r;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export default function DigitDiffusionView({ id, base }: Props) {
  const state = useWidgetState(params, id, base);
  const { values } = state;
  const [heldout, setHeldout] = useState<DigitSet | null>(null);
  const [manifest, setManifest] = useState<DigitDenoiserManifest | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [run, setRun] = useState<DigitRunState>(INITIAL_RUN_STATE);
  const [frameIndex, setFrameIndex] = useState<number | null>(null);
  const controller = useRef<DigitDiffusionController | null>(null);
  const reducedMotion = useMemo(prefersReducedMotion, []);

  // The real digits (98 kB) and the weights' manifest, fetched once the island hydrates (near the viewport).
  useEffect(() => {
    Promise.all([
      fetchOk(assetUrl(`${DATA_DIR}/${HELDOUT_FILE}`)).then((r) => r.arrayBuffer()),
      fetchOk(assetUrl(`${WEIGHTS_DIR}/${WEIGHTS_MANIFEST}`)).then((r) => r.json() as Promise<DigitDenoiserManifest>),
    ])
      .then(([bytes, m]) => {
        setHeldout(readDigitSet(new Uint8Array(bytes), heldoutLabels()));
        setManifest(m);
      })
      .catch((e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, []);

  // One worker per mount, started once the data is here (it judges the samples against the real digits).
  useEffect(() => {
    if (!heldout || !manifest) return;
    const request = pageBackendRequest();
    if (request.notice) state.addNotice(request.notice);
    const c = new DigitDiffusionController(
      request.order,
      manifest,
      assetUrl(`${WEIGHTS_DIR}/${WEIGHTS_FILE}`),
      heldout,
      setRun,
    );
    controller.current = c;
    return () => c.dispose();
  }, [heldout, manifest]);

  // Forward view: plain math, recomputed on every slider tick (196 pixels × 12 images).
  const label = values.image % 10;
  const x0 = useMemo(() => (heldout ? imageToModel(heldout, values.image) : null), [heldout, values.image]);
  const eps = useMemo(() => forwardNoise(values.seed, values.image), [values.seed, values.image]);
  const forward = useMemo(
    () => (x0 ? forwardView(values.schedule, values.t, x0, eps) : null),
    [x0, eps, values.schedule, values.t],
  );

  // Sampling: once the weights are in, and again (debounced) whenever a sampling setting changes.
  const loaded = run.numParameters > 0;
  const request = {
    digit: values.digit,
    guidance: values.guidance,
    sampler: values.sampler,
    steps: values.steps,
    seed: values.seed,
    n: SAMPLE_COUNT,
  };
  const requestKey = SAMPLING_KEYS.map((k) => values[k]).join('|');
  const startSampling = () => {
    setFrameIndex(null);
    controller.current?.sample(request, !reducedMotion);
  };
  useEffect(() => {
    if (!loaded) return;
    const timer = setTimeout(startSampling, run.request ? 300 : 0);
    return () => clearTimeout(timer);
  }, [loaded, requestKey]);

  const running = run.phase === 'running';
  const paused = run.phase === 'paused';
  const done = run.phase === 'done';
  const error = loadError ?? run.error;
  // Loading until the first grid is drawn: tfjs, the weights and the first run all come before "ready".
  const status: WidgetStatus = error
    ? 'error'
    : !loaded || run.phase === 'idle'
      ? 'loading'
      : running
        ? 'running'
        : 'ready';

  // The frame on show: the newest while running (or only the last with reduced motion), the scrubbed one after.
  const frames = run.frames;
  const shownIndex =
    frameIndex !== null && frameIndex < frames.length ? frameIndex : running && reducedMotion ? -1 : frames.length - 1;
  const shown = shownIndex >= 0 ? frames[shownIndex] : null;
  const result = done ? run.result : null;

  const summary = describeSampling(run, T);
  const plainReverse = values.sampler === 'ddpm' ? T : values.steps;

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={summary}
      backend={run.backend ? `${run.backend} (sampling); forward view in plain JavaScript` : 'starting…'}
      state={state}
      error={error}
    >
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

      <h3 class="digit-heading">Reverse: generating digits</h3>
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={[...SAMPLING_KEYS]} />
      {values.sampler === 'ddpm' && (
        <p class="chart-note">DDPM takes all {T} steps; the DDIM steps setting is not used.</p>
      )}
      {run.fallbacks.length > 0 && (
        <p class="chart-note">
          Running on {run.backend} because a faster backend could not start ({run.fallbacks.join('; ')})
        </p>
      )}
      <p class="chart-note">
        {manifest
          ? loaded
            ? `Pre-trained denoiser: ${run.numParameters.toLocaleString('en')} parameters (${formatBytes(manifest.bytes)}), trained by a seeded script on 2,000 digits.`
            : `Loading the pre-trained denoiser (${formatBytes(manifest.bytes)})…`
          : 'Loading the denoiser’s description…'}
      </p>
      <div class="widget-buttons">
        <button type="button" class="primary" disabled={!loaded} onClick={startSampling}>
          Sample
        </button>
        <button
          type="button"
          disabled={!(running || paused)}
          onClick={() => (running ? controller.current?.pause() : controller.current?.resume())}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={!(running || paused)} onClick={() => controller.current?.cancel()}>
          Stop
        </button>
      </div>
      <label class="progress-label" for={`${id}-progress`}>
        {run.request
          ? `Step ${shown?.step ?? 0} of ${run.totalSteps || plainReverse}${shown ? `, t = ${shown.t}` : ''}`
          : 'No samples yet'}
      </label>
      <progress id={`${id}-progress`} max={Math.max(1, run.totalSteps)} value={shown?.step ?? 0} />
      {shown && run.request && (
        <SampleGrid
          frame={shown}
          digit={run.request.digit}
          n={run.request.n}
          nearest={result && shownIndex === frames.length - 1 ? result.nearest : null}
        />
      )}
      {done && frames.length > 1 && (
        <div class="control control-number">
          <div class="control-head">
            <label for={`${id}-frame`}>Frame of the run</label>{' '}
            <output for={`${id}-frame`}>
              step {shown?.step} of {run.totalSteps}
            </output>
          </div>
          <input
            id={`${id}-frame`}
            type="range"
            min={0}
            max={frames.length - 1}
            step={1}
            value={shownIndex}
            aria-valuetext={`step ${shown?.step} of ${run.totalSteps}, t = ${shown?.t}`}
            onInput={(e) => setFrameIndex(Number((e.currentTarget as HTMLInputElement).value))}
          />
          <small>
            {frames.length} of {run.totalSteps + 1} frames kept.
          </small>
        </div>
      )}
      {result && (
        <p class="chart-note" data-agree={result.agree} data-tensors={result.numTensors}>
          {result.agree} of {result.request.n} samples look most like a {result.request.digit}: their nearest real digit
          among the 500 held-out ones (never seen in training) is a {result.request.digit}. By the same check, real
          digits agree {manifest ? `${Math.round(100 * manifest.check.realDigitAgreement)}%` : ''} of the time. Computed
          in {(result.computeMs / 1000).toFixed(2)} s ({describeRequest(result.request, T)}).
        </p>
      )}
    </WidgetShell>
  );
}

function SampleGrid(props: {
  frame: DigitRunState['frames'][number];
  digit: number;
  n: number;
  nearest: number[] | null;
}) {
  const { frame, digit, n, nearest } = props;
  const cut = (bytes: Uint8Array, i: number) => bytes.subarray(i * PIXELS, (i + 1) * PIXELS);
  const final = frame.t === 0;
  return (
    <div class="digit-grid">
      <p class="chart-label">{final ? `Samples of ${digit}` : `x_t at t = ${frame.t}`}</p>
      <ul
        class="digit-row"
        aria-label={
          nearest
            ? `${n} samples of ${digit}: ${nearest.filter((l) => l === digit).length} of ${n} look most like a ${digit}`
            : `${n} images at t = ${frame.t}, step ${frame.step}`
        }
      >
        {Array.from({ length: n }, (_, i) => (
          <li key={i}>
            <DigitCanvas
              ink={cut(frame.xt, i)}
              label={
                nearest
                  ? `Sample ${i + 1}, asked for a ${digit}: nearest real digit is a ${nearest[i]}`
                  : `Sample ${i + 1} at t = ${frame.t}`
              }
            />
            {nearest && (
              <span class={nearest[i] === digit ? 'token-right' : 'token-wrong'}>
                {nearest[i]}
                <span class="visually-hidden">{nearest[i] === digit ? ' (as asked)' : ' (not as asked)'}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
      {frame.x0 && !final && (
        <>
          <p class="chart-label">The denoiser’s guess x̂₀ at this step</p>
          <ul class="digit-row" aria-label={`${n} predicted clean images x̂₀ at t = ${frame.t}`}>
            {Array.from({ length: n }, (_, i) => (
              <li key={i}>
                <DigitCanvas ink={cut(frame.x0!, i)} label={`Predicted clean image ${i + 1} at t = ${frame.t}`} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
