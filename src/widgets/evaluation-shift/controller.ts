/**
 * Page-side owner of the shift lab's Worker: one study request per change of model, shift, severity or
 * seed (a newer one replaces an older), and one classification per change of the digit to classify (its
 * own lane, so it does not stop a study). No DOM: tests drive it through a fake port.
 */
import {
  WorkerController,
  type ControllerOptions,
  type RuntimeState,
  type WorkerPort,
} from '../../lib/runtime/worker-controller';
import type { Command, DigitToClassify, ShiftClassification, ShiftRequest, ShiftStudy, WorkerEvent } from './protocol';

export interface ShiftState {
  /** The newest request, and the newest study in (it may answer an older request). */
  request: ShiftRequest | null;
  study: ShiftStudy | null;
  scoring: { done: number; total: number } | null;
  classification: ShiftClassification | null;
}

export const INITIAL_STATE: ShiftState = { request: null, study: null, scoring: null, classification: null };

export const sameRequest = (a: ShiftRequest | null | undefined, b: ShiftRequest | null | undefined) =>
  !!a && !!b && a.model === b.model && a.corruption === b.corruption && a.severity === b.severity && a.seed === b.seed;

const CLASSIFY_LANE = 'shift-input';

export class ShiftController extends WorkerController<Command, WorkerEvent, ShiftState> {
  constructor(options: ControllerOptions, makeWorker: () => WorkerPort = makeShiftWorker) {
    super(makeWorker, options, INITIAL_STATE);
  }

  /** Asks for the study at these settings (nothing is sent if it is the newest request already). */
  study(request: ShiftRequest): void {
    if (sameRequest(this.state.request, request)) return;
    this.startRun({ type: 'shift-study', request });
    this.update({ request, error: null });
  }

  /** Classifies one digit under the request's shift (a test digit) or as drawn. */
  classify(request: ShiftRequest, digit: DigitToClassify): void {
    this.startRun({ type: 'shift-classify', request, digit }, CLASSIFY_LANE);
  }

  protected receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'shift-scoring':
        // A batch's last report may arrive after its study: the study is in, nothing is scoring.
        if (!sameRequest(this.state.study?.request, event.request))
          this.update({ scoring: { done: event.done, total: event.total } });
        break;
      case 'shift-study':
        this.update({ study: event.study, scoring: null });
        break;
      case 'shift-classified':
        this.update({ classification: event.result });
        break;
    }
  }

  /** Loading until the first study is in. */
  protected isLoading(s: ShiftState & RuntimeState): boolean {
    return s.study === null;
  }

  /** Running while the newest request has no study yet. */
  protected isRunning(s: ShiftState & RuntimeState): boolean {
    return !!s.request && !sameRequest(s.study?.request, s.request);
  }
}

/** Vite bundles the worker and its imports (tfjs included) as a separate module graph from this line. */
function makeShiftWorker(): WorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'evaluation-shift' });
}
