/**
 * Page-side owner of the digit diffusion Worker: sends sampling requests, folds the worker's frames
 * into one state object for the view, judges each finished grid with the nearest-real-digit check, and
 * drops events of runs that were replaced. No DOM.
 */
import type { BackendName } from '../../lib/backend-choice';
import { WorkerHost } from '../../lib/worker-host';
import { classAgreement, PIXELS, type DigitSet } from './digits-data';
import type { Command, RunPhase, WorkerEvent } from './protocol';
import type { KeptFrame, SamplingRequest } from './sampling-session';
import type { DigitDenoiserManifest } from './weights-io';

export interface SamplingResult {
  request: Required<SamplingRequest>;
  /** Compute time of the run in ms (pauses and animation pacing excluded). */
  computeMs: number;
  /** Label of each sample's nearest held-out real digit, and how many match the asked digit. */
  nearest: number[];
  agree: number;
  numTensors: number;
}

export interface DigitRunState {
  backend: BackendName | null;
  fallbacks: string[];
  /** Set once the weights are in the worker. */
  numParameters: number;
  /** The run on show: its id, phase and every kept frame so far. */
  run: number;
  phase: RunPhase | 'idle';
  request: Required<SamplingRequest> | null;
  totalSteps: number;
  frames: KeptFrame[];
  result: SamplingResult | null;
  error: string | null;
}

export const INITIAL_RUN_STATE: DigitRunState = {
  backend: null,
  fallbacks: [],
  numParameters: 0,
  run: 0,
  phase: 'idle',
  request: null,
  totalSteps: 0,
  frames: [],
  result: null,
  error: null,
};

export class DigitDiffusionController {
  private host: WorkerHost<Command, WorkerEvent>;
  private state: DigitRunState = INITIAL_RUN_STATE;
  private runs = 0;

  constructor(
    backends: BackendName[],
    manifest: DigitDenoiserManifest,
    weightsUrl: string,
    /** The held-out real digits the samples are judged against. */
    private readonly reference: DigitSet,
    private readonly onChange: (state: DigitRunState) => void,
  ) {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'digit-diffusion' });
    this.host = new WorkerHost(worker, (event) => this.receive(event));
    this.host.send({ type: 'init', backends, manifest, weightsUrl });
  }

  sample(request: Required<SamplingRequest>, animate: boolean): void {
    const run = ++this.runs;
    this.update({ run, phase: 'running', request, totalSteps: 0, frames: [], result: null, error: null });
    this.host.send({ type: 'sample', run, request, animate });
  }

  pause(): void {
    this.host.send({ type: 'pause' });
    if (this.state.phase === 'running') this.update({ phase: 'paused' });
  }

  resume(): void {
    this.host.send({ type: 'resume' });
    if (this.state.phase === 'paused') this.update({ phase: 'running' });
  }

  /** Stops the run on show; its frames so far stay visible. */
  cancel(): void {
    this.host.send({ type: 'cancel' });
    if (this.state.phase === 'running' || this.state.phase === 'paused') this.update({ phase: 'cancelled' });
  }

  dispose(): void {
    this.host.dispose();
  }

  private receive(event: WorkerEvent | { type: 'error'; message: string }): void {
    switch (event.type) {
      case 'error':
        this.update({ error: event.message });
        return;
      case 'backend':
        this.update({ backend: event.backend, fallbacks: event.fallbacks });
        return;
      case 'loaded':
        this.update({ numParameters: event.numParameters });
        return;
      case 'frame':
        if (event.run !== this.state.run) return;
        this.update({ totalSteps: event.totalSteps, frames: [...this.state.frames, event.frame] });
        return;
      case 'phase':
        if (event.run !== this.state.run || this.state.phase === 'cancelled') return;
        this.update({ phase: event.phase });
        return;
      case 'done': {
        if (event.run !== this.state.run || !this.state.request) return;
        const request = this.state.request;
        const images = Array.from({ length: request.n }, (_, i) =>
          event.samples.subarray(i * PIXELS, (i + 1) * PIXELS),
        );
        const check = classAgreement(
          images,
          images.map(() => request.digit),
          this.reference,
        );
        this.update({
          phase: 'done',
          result: {
            request,
            computeMs: event.computeMs,
            nearest: check.nearest,
            agree: check.agree,
            numTensors: event.numTensors,
          },
        });
        return;
      }
    }
  }

  private update(patch: Partial<DigitRunState>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }
}
