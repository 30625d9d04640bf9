import type { CollectionEntry } from 'astro:content';

/** Lessons by chapter number; two lessons claiming one number is an authoring error. */
export function chaptersInOrder(lessons: CollectionEntry<'lessons'>[]): CollectionEntry<'lessons'>[] {
  const sorted = [...lessons].sort((a, b) => a.data.order - b.data.order);
  sorted.forEach((l, i) => {
    if (i > 0 && sorted[i - 1].data.order === l.data.order) {
      throw new Error(`Lessons ${sorted[i - 1].id} and ${l.id} both claim chapter ${l.data.order}`);
    }
  });
  return sorted;
}
