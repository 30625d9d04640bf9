/** The reading list of /assignment/ (see src/pages/assignment/index.astro). */
import {
  ASSIGNMENT_PARAM,
  decodeAssignment,
  lessonLink,
  type AssignmentCatalog,
  type AssignmentItem,
} from '../lib/assignment';
import { loadProgress, type LessonProgress } from '../lib/progress';
import { el } from '../lib/dom';

const done = (yes: boolean, text: string) =>
  el('span', { className: yes ? 'progress-done' : 'progress-todo' }, yes ? ` ✓ ${text}` : '');

function chapter(item: AssignmentItem, code: string, catalog: AssignmentCatalog, progress: LessonProgress | undefined) {
  const lesson = catalog.lessons.find((l) => l.slug === item.lesson)!;
  const read = new Set(progress?.sections ?? []);
  const checks = progress?.checks ?? {};
  const link = (anchor: string, text: string) => el('a', { href: lessonLink(item, code, anchor) }, text);
  const section = el(
    'section',
    { className: 'assignment-chapter' },
    el('h2', {}, link('', `Chapter ${lesson.order}: ${lesson.title}`)),
    el(
      'p',
      { className: 'chapter-meta' },
      `About ${lesson.minutes} minutes · edition ${lesson.version} of ${lesson.edition}`,
    ),
  );
  section.setAttribute('aria-label', lesson.title);
  if (item.edition !== lesson.version) {
    section.append(
      el(
        'p',
        { className: 'assignment-edition' },
        `Assigned at edition ${item.edition}; the chapter is now at edition ${lesson.version}. `,
        link('changelog', 'See what changed'),
        '.',
      ),
    );
  }
  const lists: [string, Node[]][] = [
    [
      'Sections',
      (item.sections.length ? item.sections : lesson.sections.map((s) => s.slug)).map((s) =>
        el('span', {}, link(s, lesson.sections.find((x) => x.slug === s)?.text ?? s), done(read.has(s), 'read')),
      ),
    ],
    [
      'Exercises',
      item.exercises.map((x) => {
        const ex = lesson.exercises.find((e) => e.id === x)!;
        return el('span', {}, link(`exercise-${x}`, ex.title));
      }),
    ],
    [
      'Self-checks',
      item.checks.map((c) => {
        const check = lesson.checks.find((e) => e.id === c)!;
        const result = checks[c];
        return el('span', {}, link(`check-${c}`, check.title), done(!!result?.ok, 'answered right'));
      }),
    ],
    [
      'Widgets, set up for you',
      item.presets.map((p) => {
        const w = lesson.widgets.find((x) => x.id === p.widget)!;
        const settings = Object.entries(p.values).map(([k, v]) => `${w.params[k].label} ${v}`);
        const extra = [
          settings.length ? settings.join(', ') : 'as the lesson sets it',
          p.lock.length ? `locked: ${p.lock.map((k) => w.params[k].label).join(', ')}` : '',
          p.hide.length ? `hidden: ${p.hide.map((k) => w.params[k].label).join(', ')}` : '',
        ].filter(Boolean);
        return el('span', {}, link(p.widget, w.title), ` (${extra.join('; ')})`);
      }),
    ],
  ];
  for (const [title, items] of lists) {
    if (!items.length) continue;
    section.append(el('h3', {}, title), el('ul', {}, ...items.map((i) => el('li', {}, i))));
  }
  if (!item.sections.length) section.querySelector('h3')!.textContent = 'The whole chapter';
  return section;
}

export async function renderReadingList() {
  const body = document.querySelector<HTMLElement>('[data-assignment-body]')!;
  const heading = document.querySelector<HTMLElement>('[data-assignment-heading]')!;
  const actions = document.querySelector<HTMLElement>('[data-assignment-actions]')!;
  const code = new URLSearchParams(location.search).get(ASSIGNMENT_PARAM) ?? '';
  let catalog: AssignmentCatalog;
  try {
    catalog = (await (await fetch('/assignment/catalog.json')).json()) as AssignmentCatalog;
  } catch {
    body.replaceChildren(
      el('p', {}, 'The site’s catalog did not load, so the assignment cannot be read. Try again online.'),
    );
    return;
  }
  const { assignment, notices } = await decodeAssignment(code, catalog);
  const noticeBox = notices.length
    ? [
        el(
          'div',
          { className: 'assignment-notices', role: 'status' },
          el('p', {}, 'Parts of this assignment link could not be used:'),
          el('ul', {}, ...notices.map((n) => el('li', {}, n))),
        ),
      ]
    : [];
  if (!assignment) {
    heading.textContent = 'Assignment link not readable';
    body.replaceChildren(
      ...noticeBox,
      el(
        'p',
        {},
        'Ask whoever sent it for the link again, or ',
        el('a', { href: '/#chapters' }, 'browse the chapters'),
        '.',
      ),
    );
    return;
  }
  heading.textContent = assignment.title ? `Assignment: ${assignment.title}` : 'Assignment';
  document.title = `${heading.textContent} · Deep Learning Notebook`;
  const progress = loadProgress();
  const minutes = assignment.items.reduce(
    (s, i) => s + (catalog.lessons.find((l) => l.slug === i.lesson)?.minutes ?? 0),
    0,
  );
  body.replaceChildren(
    ...noticeBox,
    ...(assignment.due
      ? [
          el(
            'p',
            { className: 'assignment-due' },
            el('strong', {}, 'Due: '),
            new Date(`${assignment.due}T12:00:00Z`).toLocaleDateString('en', { dateStyle: 'full' }),
          ),
        ]
      : []),
    ...(assignment.note ? [el('p', { className: 'assignment-note' }, assignment.note)] : []),
    el(
      'p',
      {},
      `${assignment.items.length} chapter${assignment.items.length === 1 ? '' : 's'}, about ${minutes} minutes in all. Ticks show your own progress, kept in this browser only.`,
    ),
    ...assignment.items.map((item) => chapter(item, code, catalog, progress.lessons[item.lesson])),
    el('p', { className: 'assignment-print-url' }, `This reading list: ${location.href}`),
  );
  actions.hidden = false;
  actions.querySelector('[data-print]')?.addEventListener('click', () => print());
  actions.querySelector<HTMLAnchorElement>('[data-edit]')!.href =
    `/assign/?${ASSIGNMENT_PARAM}=${encodeURIComponent(code)}`;
}
