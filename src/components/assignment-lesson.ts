/**
 * A lesson opened from an assignment link (?a=<code>, src/lib/assignment.ts): a banner with the
 * assignment's title, due date and note, what it asks of this chapter (sections, exercises, self-checks),
 * a warning when the chapter has a newer edition than the one assigned, and a link back to the reading
 * list. The presets' values arrive as ordinary widget state in the same URL (the reading list's links
 * carry them); here the controls the educator locked are made read-only and the hidden ones hidden, once
 * each widget is live (its updates come through the page's widget API, src/lib/widget-api.ts).
 * Loaded only on pages with ?a=.
 */
import { decodeAssignment, lessonLink, type AssignmentCatalog, type Preset } from '../lib/assignment';
import { formatParam, type ParamSpecs } from '../lib/params';
import { WIDGET_UPDATE_EVENT, type LiveWidgetInfo } from '../lib/widget-api';
import { el } from '../lib/dom';

const list = (title: string, items: Node[]) =>
  items.length ? [el('p', {}, el('strong', {}, title)), el('ul', {}, ...items.map((i) => el('li', {}, i)))] : [];

export async function applyAssignment() {
  const banner = document.querySelector<HTMLElement>('[data-assignment-banner]');
  const article = document.querySelector<HTMLElement>('article[data-lesson]');
  if (!banner || !article) return;
  const slug = article.dataset.lesson!;
  const code = new URLSearchParams(location.search).get('a') ?? '';
  banner.setAttribute('role', 'region');
  banner.setAttribute('aria-label', 'Assignment');
  banner.hidden = false;
  banner.replaceChildren(el('p', {}, 'Reading the assignment…'));

  let catalog: AssignmentCatalog;
  try {
    catalog = (await (await fetch('/assignment/catalog.json')).json()) as AssignmentCatalog;
  } catch {
    banner.replaceChildren(el('p', {}, 'The assignment cannot be read right now: the site’s catalog did not load.'));
    return;
  }
  const { assignment, notices } = await decodeAssignment(code, catalog);
  const back = el('a', { href: `/assignment/?a=${encodeURIComponent(code)}` }, 'Back to the reading list');
  const noticeList = notices.length
    ? [
        el(
          'div',
          { className: 'assignment-notices' },
          el('p', {}, 'Parts of this assignment link could not be used:'),
          el('ul', {}, ...notices.map((n) => el('li', {}, n))),
        ),
      ]
    : [];
  if (!assignment) {
    banner.replaceChildren(el('p', {}, el('strong', {}, 'Assignment link not readable.')), ...noticeList);
    return;
  }
  const item = assignment.items.find((i) => i.lesson === slug);
  const lesson = catalog.lessons.find((l) => l.slug === slug)!;
  const heading = el(
    'p',
    { className: 'assignment-title' },
    el('strong', {}, `Assignment: ${assignment.title || 'reading'}`),
  );
  const due = assignment.due
    ? [el('p', {}, `Due ${new Date(`${assignment.due}T12:00:00Z`).toLocaleDateString('en', { dateStyle: 'long' })}.`)]
    : [];
  const note = assignment.note ? [el('p', { className: 'assignment-note' }, assignment.note)] : [];
  if (!item) {
    banner.replaceChildren(heading, el('p', {}, 'This chapter is not part of the assignment.'), back, ...noticeList);
    return;
  }
  const edition =
    item.edition !== lesson.version
      ? [
          el(
            'p',
            { className: 'assignment-edition' },
            `Assigned at edition ${item.edition}; this is edition ${lesson.version}. `,
            el('a', { href: '#changelog' }, 'See what changed'),
            '.',
          ),
        ]
      : [];
  const sectionText = new Map(lesson.sections.map((s) => [s.slug, s.text]));
  const sections = item.sections.map((s) => el('a', { href: `#${s}` }, sectionText.get(s) ?? s));
  const exercises = item.exercises.map((x) =>
    el('a', { href: `#exercise-${x}` }, lesson.exercises.find((e) => e.id === x)?.title ?? x),
  );
  const checks = item.checks.map((c) =>
    el('a', { href: `#check-${c}` }, lesson.checks.find((e) => e.id === c)?.title ?? c),
  );
  banner.replaceChildren(
    heading,
    ...due,
    ...note,
    ...edition,
    ...(item.sections.length ? list('Read these sections:', sections) : [el('p', {}, 'Read the whole chapter.')]),
    ...list('Do these exercises:', exercises),
    ...list('Answer these self-checks:', checks),
    back,
    ...noticeList,
  );
  for (const preset of item.presets) {
    const widget = lesson.widgets.find((w) => w.id === preset.widget);
    if (widget && (preset.lock.length || preset.hide.length))
      watchLocks(preset, widget.params, lessonLink(item, code, preset.widget));
  }
}

/** Locks and hides a widget's controls each time it renders, and notes what the assignment fixed. */
function watchLocks(preset: Preset, params: ParamSpecs, restoreHref: string) {
  const root = document.getElementById(preset.widget);
  if (!root) return;
  const note = el('div', { className: 'assignment-widget-note' });
  note.setAttribute('role', 'note');
  root.querySelector('.widget-caption')?.after(note);
  const describe = (keys: string[]) =>
    keys.map((k) => `${params[k].label} ${preset.values[k] ?? '(as the lesson sets it)'}`).join('; ');
  const apply = (info: LiveWidgetInfo | undefined) => {
    for (const key of [...preset.lock, ...preset.hide]) {
      const control = document.getElementById(`${preset.widget}-${key}`);
      const box = control?.closest<HTMLElement>('.control') ?? control;
      if (!box) continue;
      const mode = preset.hide.includes(key) ? 'hidden' : 'locked';
      if (box.dataset.assignment !== mode) box.dataset.assignment = mode;
      if (mode === 'locked' && !box.hasAttribute('inert')) box.setAttribute('inert', '');
    }
    const changed = [...preset.lock, ...preset.hide].filter(
      (k) => info && preset.values[k] !== undefined && formatParam(params[k], info.state[k]) !== preset.values[k],
    );
    const parts: (Node | string)[] = [];
    if (preset.lock.length) parts.push(`Fixed by the assignment: ${describe(preset.lock)}. `);
    if (preset.hide.length)
      parts.push(`Hidden by the assignment: ${preset.hide.map((k) => params[k].label).join(', ')}. `);
    if (changed.length)
      parts.push(
        'Reset changed settings the assignment fixes: ',
        el('a', { href: restoreHref }, 'restore the assignment’s settings'),
        '.',
      );
    const text = parts.map((p) => (typeof p === 'string' ? p : p.textContent)).join('');
    if (note.dataset.text !== text) {
      note.dataset.text = text;
      note.replaceChildren(...parts);
    }
  };
  apply(window.dlnWidgets?.get(preset.widget));
  document.addEventListener(WIDGET_UPDATE_EVENT, (e) => {
    const info = (e as CustomEvent<LiveWidgetInfo>).detail;
    if (info?.id === preset.widget) apply(info);
  });
}
