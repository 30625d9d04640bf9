/** The sequence task the model is trained on, named and described in one line above the controls. */
import { TASK_INFO, type TaskName } from '../../math/tasks';

export function TaskLine({ task }: { task: TaskName }) {
  return (
    <p class="widget-task">
      <strong>{TASK_INFO[task].label}:</strong> {TASK_INFO[task].description}
    </p>
  );
}
