/**
 * Page-side owner of the denoiser lab's Worker: sends commands, folds the worker's events into one state
 * object for the view, and drops events of models (runs) and sampling jobs that were replaced. No DOM.
 */
import type { BackendName } from '../../lib/backend-choice';
import type { LoopPhase } from '../../lib/training-loop';
import { WorkerHost } from '../../lib/worker-host';
import type {
  Command,
  CurvePoint,
  FieldMessage,
  FieldRequest,
  FrameMessage,
  ModelSource,
  WorkerEvent,
} from './protocol';
import type { Quality, QualityPoint, SampleRequest, SessionConfig } from './session';

export interface ModelInfo {
  source: ModelSource;
  numClasses: number;
  numParameters: number;
  /** Held-out data, flat [x0, y0, …]. */
  data: Float32Array;
  labels: number[] | null;
  baseline: number;
}

export interface TrainingState {
  phase: LoopPhase;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  loss: CurvePoint[];
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
  backend: BackendName | null;
  fallbacks: string[];
  /** Set while a model is being built (weights download included). */
  configuring: boolean;
  model: ModelInfo | null;
  dataError: string | null;
  training: TrainingState | null;
  /** True from a sample request until its result arrives. */
  sampling: boolean;
  /** Frames of the newest sampling run, in order (streamed in). */
  frames: FrameMessage[];
  lastSample: SampleResult | null;
  /** Every finished sampling run's quality on this model, by training step. */
  sampleHistory: { step: number; value: number }[];
  field: FieldMessage | null;
  numTensors: number;
  error: string | null;
}

export const INITIAL_STATE: LabState = {
  backend: null,
  fallbacks: [],
  configuring: false,
  model: null,
  dataError: null,
  training: null,
  sampling: false,
  frames: [],
  lastSample: null,
  sampleHistory: [],
  field: null,
  numTensors: 0,
  error: null,
};

export interface ConfigureOptions {
  config: SessionConfig;
  trainSteps: number;
  fromScratch: boolean;
  play: boolean;
  field: FieldRequest;
}

export class LabController {
  private host: WorkerHost<Command, WorkerEvent>;
  private state: LabState = INITIAL_STATE;
  /** Newest model run and sampling job reported by the worker; older ones are stale. */
  private run = 0;
  private sampleJob = 0;

  constructor(
    backends: BackendName[],
    baseUrl: string,
    private readonly onChange: (state: LabState) => void,
  ) {
    // Vite bundles the worker and its imports (tfjs included) as a separate module graph.
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'denoiser-lab' });
    this.host = new WorkerHost(worker, (event) => this.receive(event));
    this.host.send({ type: 'init', backends, baseUrl });
  }

  configure(options: ConfigureOptions): void {
    this.update({ configuring: true, sampling: false });
    this.host.send({ type: 'configure', ...options });
  }

  play(): void {
    this.host.send({ type: 'play' });
  }

  pause(): void {
    this.host.send({ type: 'pause' });
  }

  step(): void {
    this.host.send({ type: 'step' });
  }

  sample(request: SampleRequest): void {
    this.update({ sampling: true });
    this.host.send({ type: 'sample', request });
  }

  stopSample(): void {
    this.host.send({ type: 'stopSample' });
    this.update({ sampling: false });
  }

  field(field: FieldRequest): void {
    this.host.send({ type: 'field', field });
  }

  dispose(): void {
    this.host.dispose();
  }

  private receive(event: WorkerEvent | { type: 'error'; message: string }): void {
    if (event.type === 'error') {
      this.update({ error: event.message, configuring: false, sampling: false });
      return;
    }
    if (event.type === 'backend') {
      this.update({ backend: event.backend, fallbacks: event.fallbacks });
      return;
    }
    if (event.run < this.run) return;
    if (event.run > this.run) {
      // A new model: everything measured on the old one goes.
      this.run = event.run;
      this.sampleJob = 0;
      this.state = { ...INITIAL_STATE, backend: this.state.backend, fallbacks: this.state.fallbacks };
    }
    switch (event.type) {
      case 'dataError':
        this.update({ dataError: event.message, configuring: false });
        return;
      case 'model': {
        const { type: _type, run: _run, ...model } = event;
        this.update({ model, configuring: false, dataError: null, error: null });
        return;
      }
      case 'training': {
        const prev = this.state.training;
        this.update({
          training: {
            phase: event.phase,
            step: event.step,
            totalSteps: event.totalSteps,
            stepsPerSecond: event.stepsPerSecond,
            loss: (prev?.loss ?? []).concat(event.newLoss),
            // A new array only when there is something new: the quality chart redraws on a new array.
            quality:
              event.newQuality.length > 0 ? (prev?.quality ?? []).concat(event.newQuality) : (prev?.quality ?? []),
            threshold: event.threshold,
            trainMs: event.trainMs,
          },
          numTensors: event.numTensors,
        });
        return;
      }
      case 'frames': {
        if (event.sample < this.sampleJob) return;
        const fresh = event.sample > this.sampleJob;
        this.sampleJob = event.sample;
        this.update({ frames: (fresh ? [] : this.state.frames).concat(event.frames) });
        return;
      }
      case 'sampled': {
        if (event.sample < this.sampleJob) return;
        const source = this.state.model?.source;
        const atStep = source?.kind === 'pretrained' ? source.trainingSteps : (this.state.training?.step ?? 0);
        const result = { request: event.request, quality: event.quality, ms: event.ms, atStep };
        this.update({
          sampling: false,
          lastSample: result,
          sampleHistory: this.state.sampleHistory.concat({ step: atStep, value: event.quality.sw }),
          numTensors: event.numTensors,
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

  private update(patch: Partial<LabState>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }
}
