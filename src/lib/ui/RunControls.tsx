/**
 * The run-control kit: what every widget with long work shows, built once. A primary button that
 * starts, pauses and resumes; Step (one step while paused); a reset of the run; a progress bar whose
 * label says the step, the budget and the speed. Native buttons and <progress>, labelled, 24 px targets.
 */
import type { ComponentChildren } from 'preact';
import type { RunnerPhase } from '../runtime/sliced-runner';

export interface RunProgress {
  phase: RunnerPhase;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
}

interface RunControlsProps {
  /** Page-unique prefix for the progress bar's id. */
  id: string;
  progress: RunProgress;
  onPlay: () => void;
  onPause: () => void;
  onStep?: () => void;
  onReset?: () => void;
  /** Labels of the primary button's three states, and of reset. */
  labels?: { start?: string; resume?: string; pause?: string; reset?: string };
  /** Everything disabled (no model yet, or a settings problem to fix first). */
  disabled?: boolean;
  /** More text after the progress label (e.g. the parameter count). */
  detail?: string;
  children?: ComponentChildren;
}

export function RunControls(props: RunControlsProps) {
  const { id, progress, onPlay, onPause, onStep, onReset, disabled = false, detail, children } = props;
  const labels = { start: 'Train', resume: 'Resume training', pause: 'Pause', reset: 'Reset', ...props.labels };
  const running = progress.phase === 'running';
  const finished = progress.phase === 'done' || progress.phase === 'cancelled';
  const started = progress.step > 0;
  return (
    <>
      <div class="widget-buttons">
        <button
          type="button"
          class="primary"
          disabled={disabled || finished}
          onClick={() => (running ? onPause() : onPlay())}
        >
          {running ? labels.pause : started && !finished ? labels.resume : labels.start}
        </button>
        {onStep && (
          <button type="button" disabled={disabled || running || finished} onClick={onStep}>
            Step
          </button>
        )}
        {onReset && (
          <button type="button" disabled={disabled} onClick={onReset}>
            {labels.reset}
          </button>
        )}
        {children}
      </div>
      <ProgressBar
        id={`${id}-progress`}
        value={progress.step}
        max={progress.totalSteps}
        label={`Step ${progress.step} of ${progress.totalSteps}${progress.stepsPerSecond > 0 ? ` · ${progress.stepsPerSecond.toFixed(0)} steps/s` : ''}${detail ? ` · ${detail}` : ''}`}
      />
    </>
  );
}

/** A labelled <progress>. */
export function ProgressBar({ id, value, max, label }: { id: string; value: number; max: number; label: string }) {
  return (
    <>
      <label class="progress-label" for={id}>
        {label}
      </label>
      <progress id={id} max={Math.max(1, max)} value={Math.min(value, Math.max(1, max))} />
    </>
  );
}

/** Says which backend runs when a faster one could not start, and why. Nothing when none failed. */
export function BackendNote({ backend, fallbacks }: { backend: string | null; fallbacks: readonly string[] }) {
  if (fallbacks.length === 0 || !backend) return null;
  return (
    <p class="chart-note">
      Running on {backend} because a faster backend could not start ({fallbacks.join('; ')})
    </p>
  );
}
