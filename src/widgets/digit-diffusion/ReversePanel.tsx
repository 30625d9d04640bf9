/**
 * The reverse half: sampling settings, Sample / Pause / Stop, the grid of the frame on show (x_t, and the
 * denoiser's guess x̂_0 under it), the scrubber over the kept frames, and the nearest-digit check.
 */
import { formatBytes } from '../../lib/format';
import { FramePlayer, useFramePlayer } from '../../lib/ui/FramePlayer';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote } from '../../lib/ui/RunControls';
import type { WidgetState } from '../../lib/ui/use-widget-state';
import type { RuntimeState } from '../../lib/runtime/worker-controller';
import type { DigitRunState } from './controller';
import { DigitCanvas } from './DigitCanvas';
import { PIXELS } from './digits-data';
import { T } from './forward';
import { params, SAMPLING_KEYS } from './params';
import type { KeptFrame } from './sampling-session';
import { describeRequest } from './summary';

interface Props {
  id: string;
  state: WidgetState<typeof params>;
  run: DigitRunState & RuntimeState;
  reducedMotion: boolean;
  onSample: () => void;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
}

export function ReversePanel({ id, state, run, reducedMotion, onSample, onPause, onResume, onStop }: Props) {
  const { values } = state;
  const loaded = run.numParameters > 0;
  const running = run.phase === 'running';
  const paused = run.phase === 'paused';
  const done = run.phase === 'done';
  const frames = run.frames;
  const player = useFramePlayer(frames.length, running || paused, 0);
  // The frame on show: the newest while running (nothing, with reduced motion, until the end), the scrubbed one after.
  const shownIndex = running && reducedMotion ? -1 : player.index;
  const shown = shownIndex >= 0 ? (frames[shownIndex] ?? null) : null;
  const result = done ? run.result : null;
  const manifest = run.manifest;
  return (
    <>
      <h3 class="digit-heading">Reverse: generating digits</h3>
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={[...SAMPLING_KEYS]} />
      {values.sampler === 'ddpm' && (
        <p class="chart-note">DDPM takes all {T} steps; the DDIM steps setting is not used.</p>
      )}
      <BackendNote backend={run.backend} fallbacks={run.fallbacks} />
      <p class="chart-note">
        {manifest
          ? loaded
            ? `Pre-trained denoiser: ${run.numParameters.toLocaleString('en')} parameters (${formatBytes(manifest.bytes)}), trained by a seeded script on 2,000 digits.`
            : `Loading the pre-trained denoiser (${formatBytes(manifest.bytes)})…`
          : 'Loading the denoiser’s description…'}
      </p>
      <div class="widget-buttons">
        <button type="button" class="primary" disabled={!loaded} onClick={onSample}>
          Sample
        </button>
        <button type="button" disabled={!(running || paused)} onClick={running ? onPause : onResume}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={!(running || paused)} onClick={onStop}>
          Stop
        </button>
      </div>
      <label class="progress-label" for={`${id}-progress`}>
        {run.request
          ? `Step ${shown?.step ?? 0} of ${run.totalSteps || (values.sampler === 'ddpm' ? T : values.steps)}${shown ? `, t = ${shown.t}` : ''}`
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
      {done && (
        <FramePlayer
          id={`${id}-frame`}
          label="Frame of the run"
          count={frames.length}
          player={player}
          buttons={false}
          class="control control-number"
          value={(i) => `step ${frames[i]?.step} of ${run.totalSteps}`}
          describe={(i) => `step ${frames[i]?.step} of ${run.totalSteps}, t = ${frames[i]?.t}`}
          note={`${frames.length} of ${run.totalSteps + 1} frames kept.`}
        />
      )}
      {result && (
        <p class="chart-note">
          {result.agree} of {result.request.n} samples look most like a {result.request.digit}: their nearest real digit
          among the 500 held-out ones (never seen in training) is a {result.request.digit}. By the same check, real
          digits agree {manifest ? `${Math.round(100 * manifest.check.realDigitAgreement)}%` : ''} of the time. Computed
          in {(result.computeMs / 1000).toFixed(2)} s ({describeRequest(result.request, T)}).
        </p>
      )}
    </>
  );
}

function SampleGrid(props: { frame: KeptFrame; digit: number; n: number; nearest: number[] | null }) {
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
