/** The form of /assign/ (see src/pages/assign/index.astro): form → assignment → link, and back. */
import {
  ASSIGNMENT_PARAM,
  decodeAssignment,
  encodeAssignment,
  presetFromLink,
  type Assignment,
  type AssignmentCatalog,
  type AssignmentItem,
  type Preset,
} from '../lib/assignment';
import { el } from '../lib/dom';

type Mode = 'free' | 'locked' | 'hidden';
interface WidgetPreset {
  values: Record<string, string>;
  modes: Record<string, Mode>;
}

export async function startBuilder() {
  const form = document.querySelector<HTMLFormElement>('[data-assign-form]')!;
  const out = form.querySelector<HTMLInputElement>('[data-assign-link]')!;
  const status = form.querySelector<HTMLElement>('[data-assign-status]')!;
  const open = form.querySelector<HTMLAnchorElement>('[data-assign-open]')!;
  const catalog = (await (await fetch('/assignment/catalog.json')).json()) as AssignmentCatalog;
  /** Presets by "<lesson>/<widget id>". */
  const presets = new Map<string, WidgetPreset>();

  const renderKeys = (box: HTMLElement, lesson: string, widgetId: string) => {
    const widget = catalog.lessons.find((l) => l.slug === lesson)!.widgets.find((w) => w.id === widgetId)!;
    const preset = presets.get(`${lesson}/${widgetId}`);
    const keys = box.querySelector<HTMLElement>('[data-preset-keys]')!;
    if (!preset || Object.keys(preset.values).length === 0) return keys.replaceChildren();
    keys.replaceChildren(
      el(
        'table',
        { className: 'assign-keys' },
        el('caption', {}, `${widget.title}: settings from the link`),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'Setting'),
            el('th', { scope: 'col' }, 'Value'),
            el('th', { scope: 'col' }, 'Students may'),
          ),
        ),
        el(
          'tbody',
          {},
          ...Object.entries(preset.values).map(([key, value]) => {
            const id = `assign-${lesson}-w-${widgetId}-k-${key}`;
            const select = el(
              'select',
              { id },
              el('option', { value: 'free' }, 'change it'),
              el('option', { value: 'locked' }, 'see it, not change it (locked)'),
              el('option', { value: 'hidden' }, 'not see it (hidden)'),
            );
            select.value = preset.modes[key] ?? 'free';
            select.addEventListener('change', () => {
              preset.modes[key] = select.value as Mode;
              void update();
            });
            const label = el('label', { htmlFor: id }, widget.params[key].label);
            return el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, value), el('td', {}, select));
          }),
        ),
      ),
    );
  };

  const readPreset = (box: HTMLElement, lesson: string, widgetId: string, link: string) => {
    const widget = catalog.lessons.find((l) => l.slug === lesson)!.widgets.find((w) => w.id === widgetId)!;
    const summary = box.querySelector<HTMLElement>('[data-preset-summary]')!;
    if (!link.trim()) {
      presets.delete(`${lesson}/${widgetId}`);
      summary.textContent = '';
    } else {
      const { values, notices } = presetFromLink(link, widget);
      const old = presets.get(`${lesson}/${widgetId}`);
      presets.set(`${lesson}/${widgetId}`, { values, modes: old?.modes ?? {} });
      const n = Object.keys(values).length;
      summary.textContent = [n ? `${n} setting${n === 1 ? '' : 's'} read.` : '', ...notices].filter(Boolean).join(' ');
    }
    renderKeys(box, lesson, widgetId);
  };

  const collect = (): Assignment => {
    const items: AssignmentItem[] = [];
    for (const set of form.querySelectorAll<HTMLElement>('[data-lesson]')) {
      const lesson = set.dataset.lesson!;
      if (!set.querySelector<HTMLInputElement>('[data-include]')!.checked) continue;
      const ticked = (attr: string) =>
        Array.from(set.querySelectorAll<HTMLInputElement>(`[data-${attr}]:checked`)).map((i) => i.dataset[attr]!);
      const widgetPresets: Preset[] = [];
      for (const [key, p] of presets) {
        const [l, widget] = key.split('/');
        if (l !== lesson || Object.keys(p.values).length === 0) continue;
        const keys = Object.keys(p.values);
        widgetPresets.push({
          widget,
          values: p.values,
          lock: keys.filter((k) => p.modes[k] === 'locked'),
          hide: keys.filter((k) => p.modes[k] === 'hidden'),
        });
      }
      items.push({
        lesson,
        edition: catalog.lessons.find((x) => x.slug === lesson)!.version,
        sections: ticked('section'),
        exercises: ticked('exercise'),
        checks: ticked('check'),
        presets: widgetPresets,
      });
    }
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    return { title: field('title'), note: field('note'), due: field('due'), items };
  };

  let version = 0;
  const update = async () => {
    const mine = ++version;
    const assignment = collect();
    if (assignment.items.length === 0) {
      out.value = '';
      open.removeAttribute('href');
      status.textContent = 'Tick at least one chapter.';
      return;
    }
    const code = await encodeAssignment(assignment);
    if (mine !== version) return;
    const url = `${location.origin}/assignment/?${ASSIGNMENT_PARAM}=${code}`;
    out.value = url;
    open.href = url;
    const n = assignment.items.length;
    status.textContent = `${n} chapter${n === 1 ? '' : 's'}; the link is ${url.length} characters long.`;
  };

  for (const box of form.querySelectorAll<HTMLElement>('[data-widget-preset]')) {
    const lesson = box.closest<HTMLElement>('[data-lesson]')!.dataset.lesson!;
    const widgetId = box.dataset.widgetPreset!;
    const input = box.querySelector<HTMLInputElement>('[data-preset-link]')!;
    input.addEventListener('input', () => readPreset(box, lesson, widgetId, input.value));
    box.querySelector<HTMLSelectElement>('[data-preset-setup]')?.addEventListener('change', (e) => {
      const state = (e.currentTarget as HTMLSelectElement).value;
      input.value = state ? `/lessons/${lesson}/?${state}` : '';
      readPreset(box, lesson, widgetId, input.value);
      void update();
    });
  }
  // Choosing anything inside a chapter includes the chapter.
  form.addEventListener('change', (e) => {
    const target = e.target as HTMLElement;
    const set = target.closest<HTMLElement>('[data-lesson]');
    if (set && !target.hasAttribute('data-include') && (target as HTMLInputElement).checked !== false) {
      set.querySelector<HTMLInputElement>('[data-include]')!.checked = true;
    }
  });
  form.addEventListener('input', () => void update());
  form.addEventListener('change', () => void update());
  form.addEventListener('submit', (e) => e.preventDefault());

  // /assign/?a=<code>: reopen an assignment to change it.
  const code = new URLSearchParams(location.search).get(ASSIGNMENT_PARAM);
  if (code) {
    const { assignment, notices } = await decodeAssignment(code, catalog);
    if (assignment) {
      (form.elements.namedItem('title') as HTMLInputElement).value = assignment.title;
      (form.elements.namedItem('note') as HTMLTextAreaElement).value = assignment.note;
      (form.elements.namedItem('due') as HTMLInputElement).value = assignment.due;
      for (const item of assignment.items) {
        const set = form.querySelector<HTMLElement>(`[data-lesson="${item.lesson}"]`);
        if (!set) continue;
        set.querySelector<HTMLInputElement>('[data-include]')!.checked = true;
        for (const [attr, ids] of [
          ['section', item.sections],
          ['exercise', item.exercises],
          ['check', item.checks],
        ] as const) {
          for (const id of ids) {
            const box = set.querySelector<HTMLInputElement>(`[data-${attr}="${id}"]`);
            if (box) box.checked = true;
          }
        }
        for (const p of item.presets) {
          const box = set.querySelector<HTMLElement>(`[data-widget-preset="${p.widget}"]`);
          if (!box) continue;
          const query = new URLSearchParams(Object.entries(p.values).map(([k, v]) => [`${p.widget}.${k}`, v]));
          const input = box.querySelector<HTMLInputElement>('[data-preset-link]')!;
          input.value = `/lessons/${item.lesson}/?${query}`;
          const modes: Record<string, Mode> = {};
          for (const k of p.lock) modes[k] = 'locked';
          for (const k of p.hide) modes[k] = 'hidden';
          presets.set(`${item.lesson}/${p.widget}`, { values: p.values, modes });
          renderKeys(box, item.lesson, p.widget);
        }
      }
    }
    if (notices.length) status.textContent = notices.join(' ');
  }
  await update();
}
