/**
 * Reading progress and self-check results, kept in this browser only (localStorage "dln-progress"),
 * never sent anywhere. The lesson pages record the sections a reader has read to the end and the
 * self-checks answered; the course map shows them, exports them as a JSON file and clears them.
 *
 * Reading never throws: stored or imported data that does not fit the shape is dropped piece by piece,
 * with a notice for an import. Pure functions over a plain object, plus load/save for the browser.
 */

export const PROGRESS_KEY = 'dln-progress';

export interface CheckResult {
  /** Answered right (or the task met). */
  ok: boolean;
  /** When, ISO 8601. */
  at: string;
}

export interface LessonProgress {
  /** Slugs of the h2 sections read to their end. */
  sections: string[];
  /** Self-check results by check id (the last answer counts). */
  checks: Record<string, CheckResult>;
  /** Last visit, ISO 8601. */
  visited?: string;
}

export interface Progress {
  version: 1;
  lessons: Record<string, LessonProgress>;
}

export const emptyProgress = (): Progress => ({ version: 1, lessons: {} });

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,80}$/;
const isDate = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));

/** Validates anything (parsed JSON) into progress; what does not fit is dropped and counted. */
export function sanitiseProgress(raw: unknown): { progress: Progress; dropped: number } {
  const progress = emptyProgress();
  let dropped = 0;
  const lessons = (raw as { lessons?: unknown } | null)?.lessons;
  if (
    !raw ||
    typeof raw !== 'object' ||
    (raw as { version?: unknown }).version !== 1 ||
    typeof lessons !== 'object' ||
    !lessons
  ) {
    return { progress, dropped: raw === null || raw === undefined ? 0 : 1 };
  }
  for (const [slug, value] of Object.entries(lessons as Record<string, unknown>)) {
    if (!SLUG_RE.test(slug) || !value || typeof value !== 'object') {
      dropped++;
      continue;
    }
    const v = value as Record<string, unknown>;
    const lesson: LessonProgress = { sections: [], checks: {} };
    for (const s of Array.isArray(v.sections) ? v.sections : []) {
      if (typeof s === 'string' && SLUG_RE.test(s) && !lesson.sections.includes(s)) lesson.sections.push(s);
      else dropped++;
    }
    for (const [id, c] of Object.entries((v.checks as Record<string, unknown>) ?? {})) {
      const r = c as Partial<CheckResult> | null;
      if (SLUG_RE.test(id) && r && typeof r.ok === 'boolean' && isDate(r.at))
        lesson.checks[id] = { ok: r.ok, at: r.at };
      else dropped++;
    }
    if (isDate(v.visited)) lesson.visited = v.visited;
    progress.lessons[slug] = lesson;
  }
  return { progress, dropped };
}

export function parseProgress(text: string | null): { progress: Progress; notice?: string } {
  if (!text) return { progress: emptyProgress() };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      progress: emptyProgress(),
      notice: 'That file is not a progress export (not JSON); nothing was imported.',
    };
  }
  const { progress, dropped } = sanitiseProgress(raw);
  const lessons = Object.keys(progress.lessons).length;
  if (lessons === 0 && dropped > 0) {
    return { progress, notice: 'That file is not a progress export from this site; nothing was imported.' };
  }
  return { progress, notice: dropped > 0 ? `${dropped} unreadable entries were skipped.` : undefined };
}

const lessonOf = (p: Progress, slug: string): LessonProgress => (p.lessons[slug] ??= { sections: [], checks: {} });

export function markSection(p: Progress, slug: string, section: string): Progress {
  const lesson = lessonOf(p, slug);
  if (!lesson.sections.includes(section)) lesson.sections.push(section);
  return p;
}

export function markVisited(p: Progress, slug: string, at = new Date().toISOString()): Progress {
  lessonOf(p, slug).visited = at;
  return p;
}

export function recordCheck(
  p: Progress,
  slug: string,
  id: string,
  ok: boolean,
  at = new Date().toISOString(),
): Progress {
  lessonOf(p, slug).checks[id] = { ok, at };
  return p;
}

/** Imported progress merged into the stored one: sections united, the later answer of a check kept. */
export function mergeProgress(into: Progress, from: Progress): Progress {
  for (const [slug, l] of Object.entries(from.lessons)) {
    const target = lessonOf(into, slug);
    for (const s of l.sections) if (!target.sections.includes(s)) target.sections.push(s);
    for (const [id, c] of Object.entries(l.checks)) {
      const have = target.checks[id];
      if (!have || have.at < c.at) target.checks[id] = c;
    }
    if (l.visited && (!target.visited || target.visited < l.visited)) target.visited = l.visited;
  }
  return into;
}

// Browser side. Storage can be refused (private mode, a sandboxed frame): then nothing is kept.

export function loadProgress(): Progress {
  try {
    return parseProgress(localStorage.getItem(PROGRESS_KEY)).progress;
  } catch {
    return emptyProgress();
  }
}

export function saveProgress(p: Progress): boolean {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(p));
    return true;
  } catch {
    return false;
  }
}

/** Load, change, save. */
export function updateProgress(change: (p: Progress) => Progress | void): void {
  const p = loadProgress();
  saveProgress(change(p) ?? p);
}

export function clearProgress(): void {
  try {
    localStorage.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing was stored.
  }
}
