/**
 * The block every view of a live-trained model starts with: its settings, the backend note, the
 * settings problem (if any) as an alert, and the run controls (Train / Pause / Step / Reset with
 * progress and steps per second). The controls are disabled while the model loads or the settings
 * have a problem, so a click can never train a model the settings do not describe.
 */
import type { ParamSpecs, ParamValues } from '../params';
import type { WidgetStatus } from '../runtime/status';
import { ParamControls } from './ParamControl';
import { BackendNote, RunControls, type RunProgress } from './RunControls';

/** What the controls drive: a TrainingController. */
export interface Trainer {
  play(): void;
  pause(): void;
  step(): void;
}

interface TrainingControlsProps<S extends ParamSpecs> {
  id: string;
  specs: S;
  values: ParamValues<S>;
  set: <K extends keyof S & string>(key: K, value: ParamValues<S>[K]) => void;
  /** The settings shown here, in order (default: all). */
  keys?: (keyof S & string)[];
  backend: string | null;
  fallbacks: readonly string[];
  problem: string | null;
  status: WidgetStatus;
  progress: RunProgress;
  trainer: Trainer | null;
  onReset: () => void;
  resetLabel: string;
  /** More text after the progress label (e.g. the parameter count). */
  detail?: string;
}

export function TrainingControls<S extends ParamSpecs>(props: TrainingControlsProps<S>) {
  const { id, problem, trainer } = props;
  return (
    <>
      <ParamControls widgetId={id} specs={props.specs} values={props.values} set={props.set} keys={props.keys} />
      <BackendNote backend={props.backend} fallbacks={props.fallbacks} />
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <RunControls
        id={id}
        progress={props.progress}
        disabled={props.status === 'loading' || !!problem}
        onPlay={() => trainer?.play()}
        onPause={() => trainer?.pause()}
        onStep={() => trainer?.step()}
        onReset={props.onReset}
        labels={{ reset: props.resetLabel }}
        detail={props.detail}
      />
    </>
  );
}
