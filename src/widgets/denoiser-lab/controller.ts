/**
 * Page-side owner of the denoiser lab's Worker, on the runtime's controller base. Besides folding the
 * worker's events into one state, it decides what the lab does on its own, so the rules are in one
 * testable place rather than in the view's timers:
 *
 * - a change of data, schedule, T or seed builds a new model (pre-trained weights when they fit);
 * - a change of learning rate or budget restarts a model trained here (unstarted);
 * - a trained model is sampled by itself (pre-trained on load; trained here once its training stops),
 *   and again whenever a sampling setting changes; never while a new model is on its way or training
 *   runs (a sample pauses training, and "Train from scratch" must really train);
 * - the Sample button's run is played back from the noise once computed (the view's frame player).
 */
import { appendCurve } from '../../lib/runtime/curve';
import type { StepPoint } from '../../lib/runtime/protocol';
import type { RunnerState } from '../../lib/runtime/sliced-runner';
import { TrainingController, type ControllerOptions, type WorkerPort } from '../../lib/runtime/worker-controller';
import type { Command, FieldMessage, FieldRequest, FrameMessage, ModelInfo, WorkerEvent } from './protocol';
import type { Quality, QualityPoint, SampleRequest, SessionConfig } from './session';

export interface TrainingState {
  progress: RunnerState;
  loss: StepPoint[];
  quality: QualityPoint[];
  threshold: { step: number; ms: number } | null;
  trainMs: number;
}

export interface SampleResult {
  request: SampleRequest;
  quality: Quality;
  ms: number;
  /** Training step of the model that sampled (the pre-training budget for loaded weights). */
  atStep: number;
}

export interface LabState {
  /** The model on show (its run), once it has arrived. */
  run: number | null;
  /** Set while a model is being built (weights download included). */
  configuring: boolean;
  model: ModelInfo | null;
  dataError: string | null;
  training: TrainingState | null;
  /** True from a sample request until its result arrives (or it is stopped). */
  sampling: boolean;
  /** Frames of the newest sampling run, in order (streamed in). */
  frames: FrameMessage[];
  lastSample: SampleResult | null;
  /** Every finished sampling run's quality on this model, by training step. */
  sampleHistory: StepPoint[];
  field: FieldMessage | null;
  /** Bumped when a run started by the Sample button has finished: the view plays it back from the noise. */
  replays: number;
}

export const INITIAL_STATE: LabState = {
  run: null,
  configuring: false,
  model: null,
  dataError: null,
  training: null,
  sampling: false,
  frames: [],
  lastSample: null,
  sampleHistory: [],
  field: null,
  replays: 0,
};

/** Everything the reader set that the lab acts on. */
export interface LabSettings {
  config: SessionConfig;
  trainSteps: number;
  request: SampleRequest;
  field: FieldRequest;
}

const modelKey = (c: SessionConfig) => JSON.stringify([c.dataset, c.points, c.schedule, c.T, c.seed]);

export class LabController extends TrainingController<Command, WorkerEvent, LabState> {
  private settings: LabSettings | null = null;
  /** What the last automatic or requested sample was for: model run, training step, request. */
  private sampledFor: string | null = null;
  /** Set by the Sample button until its run's result arrives. */
  private replayRun: number | null = null;
  /** The sampling run whose frames are on show (the last run's stay until the next one's first frame). */
  private framesRun: number | null = null;

  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeLabWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** The reader's settings (debounced by the view): builds, retrains, resamples or redraws as needed. */
  useSettings(next: LabSettings): void {
    const prev = this.settings;
    this.settings = next;
    if (!prev || modelKey(prev.config) !== modelKey(next.config)) {
      this.configure(false, false);
      return;
    }
    const source = this.state.model?.source.kind;
    if (source === 'scratch' && (prev.config.lr !== next.config.lr || prev.trainSteps !== next.trainSteps)) {
      this.configure(true, false);
      return;
    }
    if (JSON.stringify(prev.field) !== JSON.stringify(next.field) && this.state.model) {
      this.send({ type: 'field', field: next.field });
    }
    this.autoSample();
  }

  /** A model trained here, from its first step; `play` starts training at once. */
  trainFromScratch(play = true): void {
    this.configure(true, play);
  }

  /** Back to the pre-trained weights for these settings (when they exist). */
  usePretrained(): void {
    this.configure(false, false);
  }

  /** The Sample button: a run of the current request, played back from the noise once computed. */
  sample(): void {
    if (!this.settings) return;
    this.replayRun = this.startSample(this.settings.request);
  }

  /** Stops the running sampling job where it is (its frames so far stay on the page). */
  stopSample(): void {
    this.abort();
    this.update({ sampling: false });
  }

  protected isLoading(s: LabState): boolean {
    return (s.configuring || !s.model) && !s.dataError;
  }

  protected isRunning(s: LabState): boolean {
    return s.sampling || s.training?.progress.phase === 'running';
  }

  protected receive(event: WorkerEvent): void {
    if (event.type !== 'frames' && event.type !== 'sampled' && event.run !== this.state.run) {
      // The first event of a newer model: nothing measured on the old one stays.
      this.reset(INITIAL_STATE, { run: event.run, configuring: this.state.configuring, replays: this.state.replays });
      this.framesRun = null;
    }
    switch (event.type) {
      case 'dataError':
        this.update({ dataError: event.message, configuring: false });
        return;
      case 'model': {
        const { type: _type, run: _run, ...model } = event;
        this.update({ model, configuring: false, dataError: null });
        this.autoSample();
        return;
      }
      case 'training': {
        const prev = this.state.training;
        this.update({
          training: {
            progress: event.progress,
            loss: appendCurve(prev?.loss ?? [], event.newLoss),
            quality: appendCurve(prev?.quality ?? [], event.newQuality),
            threshold: event.threshold,
            trainMs: event.trainMs,
          },
        });
        if (event.progress.phase !== 'running') this.autoSample();
        return;
      }
      case 'frames': {
        const fresh = event.run !== this.framesRun;
        this.framesRun = event.run;
        this.update({ frames: (fresh ? [] : this.state.frames).concat(event.frames) });
        return;
      }
      case 'sampled': {
        const source = this.state.model?.source;
        const atStep = source?.kind === 'pretrained' ? source.trainingSteps : (this.state.training?.progress.step ?? 0);
        const replay = event.run === this.replayRun;
        if (replay) this.replayRun = null;
        this.update({
          sampling: false,
          lastSample: { request: event.request, quality: event.quality, ms: event.ms, atStep },
          sampleHistory: this.state.sampleHistory.concat({ step: atStep, value: event.quality.sw }),
          replays: this.state.replays + (replay ? 1 : 0),
        });
        return;
      }
      case 'field': {
        const { type: _type, run: _run, ...field } = event;
        this.update({ field });
        return;
      }
    }
  }

  protected fail(message: string): void {
    this.update({ error: message, configuring: false, sampling: false });
  }

  private configure(fromScratch: boolean, play: boolean): void {
    const s = this.settings;
    if (!s) return;
    this.sampledFor = null;
    this.update({ configuring: true, sampling: false });
    this.startRun({ type: 'configure', config: s.config, trainSteps: s.trainSteps, fromScratch, play, field: s.field });
  }

  /** Samples the current model by itself when it is trained, idle, and not yet sampled with these settings. */
  private autoSample(): void {
    const s = this.state;
    const request = this.settings?.request;
    if (!request || !s.model || s.configuring || s.sampling) return;
    const training = s.training;
    if (training?.progress.phase === 'running') return;
    const trained = s.model.source.kind === 'pretrained' || (training !== null && training.progress.step > 0);
    if (!trained) return;
    const key = JSON.stringify([s.run, training?.progress.step ?? 'pretrained', request]);
    if (key === this.sampledFor) return;
    this.startSample(request);
  }

  private startSample(request: SampleRequest): number {
    this.sampledFor = JSON.stringify([this.state.run, this.state.training?.progress.step ?? 'pretrained', request]);
    this.update({ sampling: true });
    return this.startRun({ type: 'sample', request }, 'sampling');
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeLabWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'denoiser-lab' });
}
