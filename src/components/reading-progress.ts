/**
 * Reading progress on a lesson page (kept in this browser: src/lib/progress.ts): a section counts as
 * read once the reader has reached its end, that is once the next section's heading (or the reference
 * list, after the last) has come into view. The visit is recorded too.
 */
import { markSection, markVisited, updateProgress } from '../lib/progress';

export function trackReading() {
  const article = document.querySelector<HTMLElement>('article[data-lesson]');
  const slug = article?.dataset.lesson;
  if (!article || !slug) return;
  updateProgress((p) => markVisited(p, slug));
  const headings = Array.from(article.querySelectorAll<HTMLElement>('.lesson-body > h2[id]'));
  const ends = [...headings.slice(1), article.querySelector<HTMLElement>('#references')].filter(
    (e): e is HTMLElement => !!e,
  );
  const sectionOf = new Map(ends.map((end, i) => [end, headings[i].id]));
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      // Only what comes into view: a jump to an anchor further down reads nothing on the way.
      if (!entry.isIntersecting) continue;
      const section = sectionOf.get(entry.target as HTMLElement);
      if (section) updateProgress((p) => markSection(p, slug, section));
      observer.unobserve(entry.target);
    }
  });
  for (const end of ends) observer.observe(end);
}
