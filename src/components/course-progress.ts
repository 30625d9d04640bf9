/** The course map's progress (src/pages/map/index.astro): bars, counts, export, import, clear, offline copies. */
import { askWorker, megabytes, type StatusReply } from '../lib/offline/client';
import { clearProgress, loadProgress, mergeProgress, parseProgress, saveProgress } from '../lib/progress';

export function startCourseProgress() {
  const tools = document.querySelector<HTMLElement>('[data-progress-tools]')!;
  const message = tools.querySelector<HTMLElement>('[data-progress-message]')!;
  tools.hidden = false;

  const render = () => {
    const progress = loadProgress();
    let sectionsRead = 0;
    let checksRight = 0;
    for (const card of document.querySelectorAll<HTMLElement>('[data-progress-lesson]')) {
      const slug = card.dataset.progressLesson!;
      const lesson = progress.lessons[slug];
      const total = Number(card.dataset.sections);
      const checks = Number(card.dataset.checks);
      const read = lesson?.sections.length ?? 0;
      const right = Object.values(lesson?.checks ?? {}).filter((c) => c.ok).length;
      sectionsRead += read;
      checksRight += right;
      const visited = lesson?.visited
        ? `, last opened ${new Date(lesson.visited).toLocaleDateString('en', { dateStyle: 'medium' })}`
        : '';
      card.querySelector('[data-progress-text]')!.textContent =
        `Read ${Math.min(read, total)} of ${total} sections; ${right} of ${checks} self-checks answered right${visited}.`;
      const bar = document.querySelector<SVGRectElement>(`[data-map-bar="${slug}"]`);
      if (bar)
        bar.setAttribute('width', String((Number(bar.dataset.width) * Math.min(read, total)) / Math.max(1, total)));
    }
    tools.querySelector('[data-progress-summary]')!.textContent =
      sectionsRead + checksRight === 0
        ? 'Nothing recorded yet: sections count as read when you reach their end, self-checks when you answer them.'
        : `${sectionsRead} sections read and ${checksRight} self-checks answered right, across the course.`;
  };
  render();
  addEventListener('storage', render);

  tools.querySelector('[data-progress-export]')!.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(loadProgress(), null, 2)], { type: 'application/json' });
    const a = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(blob),
      download: `deep-learning-notebook-progress-${new Date().toISOString().slice(0, 10)}.json`,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    message.textContent = 'Progress exported.';
  });
  tools.querySelector<HTMLInputElement>('[data-progress-import]')!.addEventListener('change', async (e) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const { progress, notice } = parseProgress(file.size > 1e6 ? '' : await file.text());
    saveProgress(mergeProgress(loadProgress(), progress));
    render();
    message.textContent = notice ?? 'Progress imported and merged with what this browser had.';
  });
  const clear = tools.querySelector<HTMLButtonElement>('[data-progress-clear]')!;
  clear.addEventListener('click', () => {
    // Two steps: a misplaced click does not erase a term's progress.
    if (clear.dataset.confirm !== '1') {
      clear.dataset.confirm = '1';
      clear.textContent = 'Click again to clear all progress';
      return;
    }
    clearProgress();
    clear.dataset.confirm = '';
    clear.textContent = 'Clear progress';
    render();
    message.textContent = 'Progress cleared from this browser.';
  });

  const offline = tools.querySelector<HTMLElement>('[data-offline-summary]')!;
  const forget = tools.querySelector<HTMLButtonElement>('[data-offline-clear]')!;
  const showOffline = async () => {
    const status = await askWorker<StatusReply>({ type: 'status' }, 5000);
    if (!status)
      return void (offline.textContent = 'Offline reading starts once this site has loaded its service worker.');
    const bytes = status.pages.reduce((s, p) => s + p.bytes, 0);
    offline.textContent = status.pages.length
      ? `Saved for offline reading: ${status.pages.length} chapter${status.pages.length === 1 ? '' : 's'} (${megabytes(bytes)}).`
      : 'No chapter is saved for offline reading yet: chapters are saved as you open them.';
    forget.hidden = status.pages.length === 0;
  };
  forget.addEventListener('click', async () => {
    await askWorker({ type: 'forget' }, 10_000);
    message.textContent = 'Offline copies removed.';
    await showOffline();
  });
  void showOffline();
}
