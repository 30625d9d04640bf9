/**
 * Page-side owner of the digit diffusion widget, on the runtime's controller base: it loads the held-out
 * digits and the weights' manifest (the forward view needs the digits on the page), has the Worker load
 * the weights, sends sampling requests, folds the worker's frames into one state, and judges each
 * finished grid with the nearest-real-digit check. No DOM.
 */
import { errorMessage } from '../../lib/runtime/protocol';
import { WorkerController, type ControllerOptions, type WorkerPort } from '../../lib/runtime/worker-controller';
import {
  classAgreement,
  DATA_DIR,
  heldoutLabels,
  HELDOUT_FILE,
  PIXELS,
  readDigitSet,
  type DigitSet,
} from './digits-data';
import type { Command, RunPhase, WorkerEvent } from './protocol';
import type { KeptFrame, SamplingRequest } from './sampling-session';
import { WEIGHTS_DIR, WEIGHTS_MANIFEST, type DigitDenoiserManifest } from './weights-io';

export interface SamplingResult {
  request: Required<SamplingRequest>;
  /** Compute time of the run in ms (pauses and animation pacing excluded). */
  computeMs: number;
  /** Label of each sample's nearest held-out real digit, and how many match the asked digit. */
  nearest: number[];
  agree: number;
}

export interface DigitRunState {
  /** The 500 held-out real digits (forward view, and the judge of samples), once loaded. */
  heldout: DigitSet | null;
  manifest: DigitDenoiserManifest | null;
  /** Set once the weights are in the worker. */
  numParameters: number;
  phase: RunPhase | 'idle';
  request: Required<SamplingRequest> | null;
  totalSteps: number;
  /** Every kept frame of the run on show so far. */
  frames: KeptFrame[];
  result: SamplingResult | null;
}

export const INITIAL_RUN_STATE: DigitRunState = {
  heldout: null,
  manifest: null,
  numParameters: 0,
  phase: 'idle',
  request: null,
  totalSteps: 0,
  frames: [],
  result: null,
};

export interface DigitControllerOptions extends ControllerOptions {
  /** Injectable for tests. */
  fetch?: typeof fetch;
}

export class DigitDiffusionController extends WorkerController<Command, WorkerEvent, DigitRunState> {
  constructor(options: DigitControllerOptions, makeWorker: () => WorkerPort = makeDigitWorker) {
    super(makeWorker, options, INITIAL_RUN_STATE);
    void this.loadData(options.baseUrl.replace(/\/?$/, '/'), options.fetch ?? fetch);
  }

  sample(request: Required<SamplingRequest>, animate: boolean): void {
    this.update({ phase: 'running', request, totalSteps: 0, frames: [], result: null, error: null });
    this.startRun({ type: 'sample', request, animate });
  }

  pause(): void {
    this.abort();
    if (this.state.phase === 'running') this.update({ phase: 'paused' });
  }

  resume(): void {
    this.send({ type: 'resume' });
    if (this.state.phase === 'paused') this.update({ phase: 'running' });
  }

  /** Stops the run on show; its frames so far stay visible. */
  cancel(): void {
    this.send({ type: 'cancel' });
    if (this.state.phase === 'running' || this.state.phase === 'paused') this.update({ phase: 'cancelled' });
  }

  protected isLoading(s: DigitRunState): boolean {
    // Until the first grid is drawn: the digits, the weights and the first run all come before "ready".
    return s.numParameters === 0 || s.phase === 'idle';
  }

  protected isRunning(s: DigitRunState): boolean {
    return s.phase === 'running';
  }

  protected receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'loaded':
        this.update({ numParameters: event.numParameters });
        return;
      case 'frame':
        this.update({ totalSteps: event.totalSteps, frames: [...this.state.frames, event.frame] });
        return;
      case 'phase':
        if (this.state.phase === 'cancelled') return;
        this.update({ phase: event.phase });
        return;
      case 'done': {
        const { request, heldout } = this.state;
        if (!request || !heldout) return;
        const images = Array.from({ length: request.n }, (_, i) =>
          event.samples.subarray(i * PIXELS, (i + 1) * PIXELS),
        );
        const check = classAgreement(
          images,
          images.map(() => request.digit),
          heldout,
        );
        this.update({
          phase: 'done',
          result: { request, computeMs: event.computeMs, nearest: check.nearest, agree: check.agree },
        });
        return;
      }
    }
  }

  /** The real digits (98 kB) and the weights' manifest, then the weights in the worker. */
  private async loadData(base: string, fetcher: typeof fetch): Promise<void> {
    const get = async (path: string) => {
      const r = await fetcher(`${base}${path}`);
      if (!r.ok) throw new Error(`could not load ${path} (HTTP ${r.status})`);
      return r;
    };
    try {
      const [bytes, manifest] = await Promise.all([
        get(`${DATA_DIR}/${HELDOUT_FILE}`).then((r) => r.arrayBuffer()),
        get(`${WEIGHTS_DIR}/${WEIGHTS_MANIFEST}`).then((r) => r.json() as Promise<DigitDenoiserManifest>),
      ]);
      this.update({ heldout: readDigitSet(new Uint8Array(bytes), heldoutLabels()), manifest });
      this.send({ type: 'load', manifest });
    } catch (err) {
      this.fail(errorMessage(err));
    }
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeDigitWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'digit-diffusion' });
}
