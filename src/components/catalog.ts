/**
 * The site's catalog, built once per build from the lesson collection and the widget registry: every
 * chapter with its sections (h2 anchors, from Astro's own render), its widgets (registry entry, page id,
 * the props its MDX tag gives, the section it sits in), exercises and self-checks. The embed pages, the
 * assignment builder and reading list, the course map and the self-checks all read this one catalog.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { chaptersInOrder } from '../data/chapters';
import { outlineLesson, tagId, type ExerciseTag, type Literal, type SelfCheckTag } from '../lib/lesson-catalog';
import type { WidgetDefinition } from '../lib/widget';

const definitions = new Map(
  Object.values(import.meta.glob<{ widget: WidgetDefinition }>('../widgets/*/widget.ts', { eager: true })).map((m) => [
    m.widget.name,
    m.widget,
  ]),
);

export interface CatalogWidget {
  /** Page-unique id on the lesson (the URL-state namespace). */
  id: string;
  definition: WidgetDefinition;
  /** The .astro file's base name under src/widgets/<name>/. */
  file: string;
  /** Props the lesson's tag gives it, id included. */
  props: Record<string, Literal>;
  /** False when a prop is computed in the MDX (a code cell's program): no embed page then. */
  embeddable: boolean;
  /** Slug of the h2 section it sits in. */
  section: string | null;
}

export interface CatalogLesson {
  slug: string;
  entry: CollectionEntry<'lessons'>;
  sections: { slug: string; text: string }[];
  widgets: CatalogWidget[];
  exercises: (ExerciseTag & { sectionSlug: string | null })[];
  checks: (SelfCheckTag & { sectionSlug: string | null })[];
}

async function build(): Promise<CatalogLesson[]> {
  const lessons = chaptersInOrder(await getCollection('lessons'));
  return Promise.all(
    lessons.map(async (entry) => {
      const { headings } = await render(entry);
      const sections = headings.filter((h) => h.depth === 2).map((h) => ({ slug: h.slug, text: h.text }));
      const outline = await outlineLesson(entry.body ?? '', entry.id);
      if (outline.h2.length !== sections.length) {
        throw new Error(
          `${entry.id}: the MDX has ${outline.h2.length} h2 headings, the rendered page ${sections.length}`,
        );
      }
      const slugOf = (i: number) => (i >= 0 ? sections[i].slug : null);
      // A component from a chapter's *-shared folder (e.g. a static table) is not a widget.
      const widgetTags = outline.widgets.filter((tag) => !tag.folder.endsWith('-shared'));
      const widgets = widgetTags.map((tag) => {
        const definition = definitions.get(tag.folder);
        if (!definition)
          throw new Error(`${entry.id}: <${tag.component}> is in src/widgets/${tag.folder}, which has no widget.ts`);
        return {
          id: tagId(tag, definition.defaultId),
          definition,
          file: tag.file,
          props: tag.props,
          embeddable: tag.computed.length === 0,
          section: slugOf(tag.section),
        };
      });
      return {
        slug: entry.id,
        entry,
        sections,
        widgets,
        exercises: outline.exercises.map((e) => ({ ...e, sectionSlug: slugOf(e.section) })),
        checks: outline.checks.map((c) => ({ ...c, sectionSlug: slugOf(c.section) })),
      };
    }),
  );
}

let cached: Promise<CatalogLesson[]> | null = null;

/** The catalog (computed once per build). */
export function catalog(): Promise<CatalogLesson[]> {
  cached ??= build();
  return cached;
}

/** The widget with this id on this lesson, or an error naming both. */
export async function catalogWidget(slug: string, id: string): Promise<CatalogWidget> {
  const lesson = (await catalog()).find((l) => l.slug === slug);
  const widget = lesson?.widgets.find((w) => w.id === id);
  if (!widget) throw new Error(`no widget "${id}" on lesson "${slug}"`);
  return widget;
}

/** The lesson slug of a page path (/lessons/<slug>/ or /embed/<slug>/<id>/), or null. */
export function lessonOfPath(pathname: string): string | null {
  return pathname.match(/^\/(?:lessons|embed)\/([^/]+)\//)?.[1] ?? null;
}
