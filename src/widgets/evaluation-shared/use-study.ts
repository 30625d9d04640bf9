/**
 * The view side of a study lab whose request is its settings (the leaderboard and metrics labs): the
 * widget's state and controller, one study sent whenever a setting changes (the controller drops an
 * identical request), and what is on show (the settings the shown study answers, or the current ones
 * before the first answer).
 */
import { useEffect } from 'preact/hooks';
import type { ParamSpecs, ParamValues } from '../../lib/params';
import type { ControllerOptions } from '../../lib/runtime/worker-controller';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import type { StudyController, StudyState } from './study-controller';
import type { ModelRequest } from './study-protocol';

export function useSettingsStudy<P extends ParamSpecs, S>(
  params: P,
  props: WidgetViewProps<P>,
  make: (options: ControllerOptions) => StudyController<ParamValues<P> & ModelRequest, S>,
  initial: StudyState<ParamValues<P> & ModelRequest, S>,
) {
  const widget = useModelWidget(params, props, make, initial);
  const { controller, state } = widget;
  const { values } = state;
  useEffect(() => {
    controller?.study({ ...values } as ParamValues<P> & ModelRequest);
  }, [controller, ...Object.values(values)]);
  const shown = widget.worker.shown ?? values;
  return { ...widget, shown, study: widget.worker.study };
}
