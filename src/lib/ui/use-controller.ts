/**
 * Connects a view to its worker controller: makes the controller once the island has mounted, in a
 * task of its own (probing the GPU creates a WebGL context, ~30 ms, and hydration is a long task
 * already), passes it the page's backend order (`?backend=` and the GPU), shows the order's notice,
 * and re-renders on every state change. The controller (and its Worker) goes with the island.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackendName } from '../backend-choice';
import { pageBackendRequest } from '../backend-probe';
import type { WidgetStatus } from '../runtime/status';
import { INITIAL_RUNTIME, type RuntimeState } from '../runtime/worker-controller';

interface Controller<S> {
  readonly state: S;
  readonly status: WidgetStatus;
  subscribe(listener: (state: S) => void): () => void;
  dispose(): void;
}

export interface ControllerHandle<C, S> {
  /** Null until made (the first task after mount). */
  controller: C | null;
  state: S & RuntimeState;
  status: WidgetStatus;
}

/** `initial` is the widget's part of the state before the controller exists (the runtime's part is added). */
export function useController<S extends object, C extends Controller<S & RuntimeState>>(
  make: (backends: BackendName[]) => C,
  initial: S,
  addNotice: (notice: string) => void,
): ControllerHandle<C, S> {
  const ref = useRef<C | null>(null);
  const [state, setState] = useState<S & RuntimeState>(() => ({ ...initial, ...INITIAL_RUNTIME }));
  useEffect(() => {
    let controller: C | null = null;
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      const request = pageBackendRequest();
      if (request.notice) addNotice(request.notice);
      controller = make(request.order);
      ref.current = controller;
      unsubscribe = controller.subscribe(setState);
      setState(controller.state);
    }, 0);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      controller?.dispose();
      ref.current = null;
    };
  }, []);
  return { controller: ref.current, state, status: ref.current?.status ?? 'loading' };
}
