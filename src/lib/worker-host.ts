/**
 * A small typed channel between a widget and its Worker. Commands go in, events come out; both are
 * plain objects with a `type`. The worker side calls `serveWorker`, the page side makes a WorkerHost.
 *
 * Failures never vanish: an exception in a worker handler, an error event, or a message that cannot
 * be deserialised all arrive as `{ type: 'error', message }` for the widget to show.
 */

export interface WorkerErrorEvent {
  type: 'error';
  message: string;
}

interface Typed {
  type: string;
}

export class WorkerHost<Command extends Typed, Event extends Typed> {
  private worker: Worker | null;

  constructor(worker: Worker, onEvent: (event: Event | WorkerErrorEvent) => void) {
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<Event | WorkerErrorEvent>) => onEvent(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      onEvent({ type: 'error', message: e.message || 'The training worker failed to start.' });
    };
    worker.onmessageerror = () => onEvent({ type: 'error', message: 'A message from the worker was unreadable.' });
  }

  send(command: Command, transfer: Transferable[] = []): void {
    this.worker?.postMessage(command, transfer);
  }

  /** Ends the worker and everything it holds (model, tensors, backend memory). */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

/** Runs inside the worker: dispatches each command to `handle`, reporting thrown errors as events. */
export function serveWorker<Command extends Typed, Event extends Typed>(
  handle: (command: Command, post: (event: Event | WorkerErrorEvent, transfer?: Transferable[]) => void) => unknown,
): void {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<Command>) => void) | null;
    postMessage: (message: unknown, transfer?: Transferable[]) => void;
  };
  const post = (event: Event | WorkerErrorEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
  scope.onmessage = (e) => {
    try {
      const result = handle(e.data, post);
      if (result instanceof Promise)
        result.catch((err: unknown) => post({ type: 'error', message: errorMessage(err) }));
    } catch (err) {
      post({ type: 'error', message: errorMessage(err) });
    }
  };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
