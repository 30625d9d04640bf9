/**
 * Page side: a controller base for a chapter widget built on the zoo. It is the runtime's
 * TrainingController (Train / Pause / Step drive the worker's ZooKit trainer, or the chapter's own
 * session if its worker handles play and step first) with the zoo's three jobs as methods and the zoo's
 * events folded into the state before the chapter's own receive sees anything:
 *
 *   class MyController extends ZooController<Command, WorkerEvent, MyState> {
 *     constructor(o: ControllerOptions, make = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })) {
 *       super(make, o, INITIAL);            // INITIAL = { ...INITIAL_ZOO_STATE, ...the chapter's own }
 *     }
 *     protected receiveOwn(event: MyEvent) { ... }
 *   }
 *   controller.evaluate({ model: 'cnn', split: 'test' });
 *
 * A controller that must extend another base folds the events itself (zoo-state.ts, one line).
 */
import type { Typed } from '../../lib/runtime/protocol';
import { TrainingController, type RuntimeState } from '../../lib/runtime/worker-controller';
import {
  isZooEvent,
  ZOO_LANES,
  type DigitRequest,
  type EvaluateRequest,
  type TrainRequest,
  type ZooCommand,
  type ZooEvent,
  type ZooModelRef,
} from './protocol';
import {
  classifyStarted,
  evaluationStarted,
  foldZooEvent,
  trainingStarted,
  zooRunning,
  type ZooState,
} from './zoo-state';

export abstract class ZooController<C extends Typed, E extends Typed, S extends ZooState> extends TrainingController<
  C | ZooCommand,
  E | ZooEvent,
  S
> {
  /** Scores a model on a split (a new evaluation replaces an older one); returns its run. */
  evaluate(request: EvaluateRequest): number {
    const run = this.startRun({ type: 'zoo-evaluate', request } as never, ZOO_LANES.evaluation);
    this.patch({ ...evaluationStarted(run, request), error: null });
    return run;
  }

  /** Stops the worker's current job (an evaluation in progress, or training: it pauses). */
  stop(): void {
    this.abort();
  }

  /** One digit through a model; the previous answer shows until the new one arrives. */
  classify(model: ZooModelRef, digit: DigitRequest): number {
    const run = this.startRun({ type: 'zoo-classify', model, digit } as never, ZOO_LANES.input);
    this.patch({ ...classifyStarted(this.state, run, model), error: null });
    return run;
  }

  /** A new live-training run (the old trained model goes); Train, Pause and Step then drive it. */
  train(request: TrainRequest): number {
    const run = this.startRun({ type: 'zoo-train', request } as never, ZOO_LANES.training);
    this.patch({ ...trainingStarted(run, request), error: null });
    return run;
  }

  /** The chapter's own events (the zoo's are folded already). */
  protected receiveOwn(_event: E): void {}

  protected receive(event: E | ZooEvent): void {
    if (isZooEvent(event)) this.patch(foldZooEvent(this.state, event as ZooEvent));
    else this.receiveOwn(event as E);
  }

  /** True while an evaluation or training runs (override to add the chapter's own long work). */
  protected isRunning(s: S & RuntimeState): boolean {
    return zooRunning(s);
  }

  private patch(p: Partial<ZooState & RuntimeState>): void {
    this.update(p as Partial<S & RuntimeState>);
  }
}
