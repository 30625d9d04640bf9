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
import type { ParamSpecs, ParamValues } from '../params';
import { INITIAL_RUNTIME, type ControllerOptions, type RuntimeState } from '../runtime/worker-controller';
import { useWidgetState } from './use-widget-state';

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

/** A widget view's props: its page-unique id and the page's starting state (validated MDX props). */
export interface WidgetViewProps<S extends ParamSpecs> {
  id: string;
  base: Partial<ParamValues<S>>;
}

/**
 * Everything a model widget's view starts from: its state (URL > MDX props > defaults, with notices)
 * and its worker controller, made with the page's backend order and the site's base URL.
 */
export function useModelWidget<S extends ParamSpecs, W extends object, C extends Controller<W & RuntimeState>>(
  params: S,
  { id, base }: WidgetViewProps<S>,
  make: (options: ControllerOptions) => C,
  initial: W,
) {
  const state = useWidgetState(params, id, base);
  const {
    controller,
    state: worker,
    status,
  } = useController((backends) => make({ backends, baseUrl: import.meta.env.BASE_URL }), initial, state.addNotice);
  return { state, controller, worker, status };
}
