/**
 * Curves between worker and page: the worker buffers the points made since its last report and sends
 * only those (a long run's curve is never re-sent whole); the page appends them.
 */
import type { StepPoint } from './protocol';

export class CurveBuffer {
  private fresh: StepPoint[] = [];

  push(step: number, value: number): void {
    this.fresh.push({ step, value });
  }

  /** The points since the last drain. */
  drain(): StepPoint[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }
}

/** prev + more; `prev` itself when there is nothing new, so memoised charts do not redraw. */
export function appendCurve(prev: readonly StepPoint[], more: readonly StepPoint[]): StepPoint[] {
  return more.length === 0 ? (prev as StepPoint[]) : prev.concat(more);
}
