/** The catalog as assignments validate against it (src/lib/assignment.ts): plain JSON, no functions. */
import type { AssignmentCatalog } from '../lib/assignment';
import { catalog } from './catalog';

export async function assignmentCatalog(): Promise<AssignmentCatalog> {
  const lessons = await catalog();
  return {
    lessons: lessons.map((l) => ({
      slug: l.slug,
      title: l.entry.data.title,
      order: l.entry.data.order,
      version: l.entry.data.version,
      edition: (l.entry.data.edition ?? l.entry.data.updated).toISOString().slice(0, 10),
      minutes: l.entry.data.minutes,
      sections: l.sections,
      exercises: l.exercises.map((e) => ({
        id: e.id,
        title: e.title,
        section: e.sectionSlug,
        widget: e.widget,
        state: e.state,
      })),
      checks: l.checks.map((c) => ({ id: c.id, title: c.title, section: c.sectionSlug })),
      widgets: l.widgets.map((w) => ({
        id: w.id,
        name: w.definition.name,
        title: w.definition.title,
        section: w.section,
        params: w.definition.params,
      })),
    })),
  };
}
