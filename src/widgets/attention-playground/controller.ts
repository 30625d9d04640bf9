/**
 * Page-side owner of the playground's Worker: sends commands, folds the worker's snapshots into one
 * state object for the view, and drops snapshots of models that were replaced. No DOM.
 */
import type { BackendName } from '../../lib/backend-choice';
import { WorkerHost } from '../../lib/worker-host';
import type { LoopPhase } from '../../lib/training-loop';
import type { ProbeResult } from '../../ml/training-session';
import type { Command, CurvePoint, RunConfig, WorkerEvent } from './protocol';

export interface PlaygroundState {
  /** Set once tfjs and a backend have started in the worker. */
  backend: BackendName | null;
  fallbacks: string[];
  phase: LoopPhase;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  loss: CurvePoint[];
  accuracy: CurvePoint[];
  evalLoss: CurvePoint[];
  probe: ProbeResult | null;
  numParameters: number;
  numTensors: number;
  /** First held-out evaluation at or above 95% token accuracy. */
  stepsTo95: number | null;
  error: string | null;
}

export const INITIAL_STATE: PlaygroundState = {
  backend: null,
  fallbacks: [],
  phase: 'idle',
  step: 0,
  totalSteps: 0,
  stepsPerSecond: 0,
  loss: [],
  accuracy: [],
  evalLoss: [],
  probe: null,
  numParameters: 0,
  numTensors: 0,
  stepsTo95: null,
  error: null,
};

export class PlaygroundController {
  private host: WorkerHost<Command, WorkerEvent>;
  private state: PlaygroundState = INITIAL_STATE;
  /** Id of the newest run the worker has reported; older runs' snapshots are stale. */
  private run = 0;

  constructor(
    backends: BackendName[],
    private readonly onChange: (state: PlaygroundState) => void,
  ) {
    // Vite bundles the worker and its imports (tfjs included) as a separate module graph.
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: 'attention-playground',
    });
    this.host = new WorkerHost(worker, (event) => this.receive(event));
    this.host.send({ type: 'init', backends });
  }

  /** A fresh model for this config; the curves restart. */
  configure(config: RunConfig, probe: number[]): void {
    this.host.send({ type: 'configure', config, probe });
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

  setProbe(probe: number[]): void {
    this.host.send({ type: 'probe', probe });
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
      case 'snapshot': {
        if (event.run < this.run) return;
        const fresh = event.run > this.run;
        this.run = event.run;
        const base = fresh
          ? { ...INITIAL_STATE, backend: this.state.backend, fallbacks: this.state.fallbacks }
          : this.state;
        const accuracy = base.accuracy.concat(event.newAccuracy);
        this.update({
          ...base,
          phase: event.phase,
          step: event.step,
          totalSteps: event.totalSteps,
          stepsPerSecond: event.stepsPerSecond,
          loss: base.loss.concat(event.newLoss),
          accuracy,
          evalLoss: base.evalLoss.concat(event.newEvalLoss),
          probe: event.probe ?? base.probe,
          numParameters: event.numParameters,
          numTensors: event.numTensors,
          stepsTo95: base.stepsTo95 ?? accuracy.find((p) => p.value >= 0.95)?.step ?? null,
          error: null,
        });
        return;
      }
    }
  }

  private update(patch: Partial<PlaygroundState>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }
}
