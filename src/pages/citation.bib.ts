/** /citation.bib: BibTeX for the site and for every chapter at its current edition. */
import type { APIRoute } from 'astro';
import { catalog } from '../components/catalog';
import { bibtex, chapterCitation, siteCitation } from '../lib/citation';

export const GET: APIRoute = async ({ site }) => {
  const lessons = await catalog();
  const entries = [
    bibtex(siteCitation(new URL('/', site).toString())),
    ...lessons.map((l) => {
      const d = l.entry.data;
      const edition = (d.edition ?? d.updated).toISOString().slice(0, 10);
      return bibtex(
        chapterCitation(
          l.slug,
          `Chapter ${d.order}: ${d.title}`,
          d.version,
          edition,
          new URL(`/lessons/${l.slug}/`, site).toString(),
        ),
      );
    }),
  ];
  return new Response(`${entries.join('\n\n')}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
