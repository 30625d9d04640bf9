/**
 * How to cite the site, a chapter (at its edition) and a figure, as BibTeX and as a sentence. One set
 * of facts: the root CITATION.cff says the same about the site (a unit test compares them), and the
 * licences are stated once here for every page that names them. Pure: no DOM, no Astro.
 */

export const SITE = {
  title: 'Deep Learning Notebook',
  author: 'Deep Learning Notebook contributors',
  /** Year the site was first published; a chapter cites the year of its edition. */
  year: 2026,
};

export const licences = {
  content: { name: 'CC BY 4.0', spdx: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  code: { name: 'MIT', spdx: 'MIT', url: 'https://opensource.org/license/mit' },
};

export interface CitationTarget {
  /** BibTeX key, e.g. dln-transformers-2.0. */
  key: string;
  /** What is cited: the chapter's or figure's title. */
  title: string;
  /** For a figure: the chapter it belongs to. */
  container?: string;
  version?: string;
  /** Edition date, YYYY-MM-DD. */
  date?: string;
  url: string;
  /** Date the reader accessed it, YYYY-MM-DD (filled in by the page). */
  accessed?: string;
}

const escapeBib = (s: string) => s.replace(/([&%$#_{}])/g, '\\$1');

export function bibtex(t: CitationTarget): string {
  const year = t.date?.slice(0, 4) ?? String(SITE.year);
  const fields: [string, string | undefined][] = [
    ['author', `{${SITE.author}}`],
    ['title', `{${escapeBib(t.title)}}`],
    ['booktitle', t.container ? escapeBib(t.container) : undefined],
    ['howpublished', escapeBib(SITE.title)],
    ['edition', t.version],
    ['year', year],
    ['date', t.date],
    ['url', t.url],
    ['urldate', t.accessed],
    ['note', `Text ${licences.content.name}; code ${licences.code.name}`],
  ];
  const body = fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k} = {${v}}`)
    .join(',\n');
  return `@misc{${t.key},\n${body}\n}`;
}

/** "Deep Learning Notebook contributors (2026). Title (edition 2.0, 2026-12-01). In Chapter…. Deep Learning Notebook. URL" */
export function citationText(t: CitationTarget): string {
  const year = t.date?.slice(0, 4) ?? String(SITE.year);
  const edition = t.version ? ` (edition ${t.version}${t.date ? `, ${t.date}` : ''})` : '';
  const container = t.container ? ` In ${t.container}.` : '';
  const accessed = t.accessed ? ` Accessed ${t.accessed}.` : '';
  const site = t.title === SITE.title ? '' : ` ${SITE.title}.`;
  return `${SITE.author} (${year}). ${t.title}${edition}.${container}${site} ${t.url}${accessed}`;
}

export const siteCitation = (url: string): CitationTarget => ({ key: 'dln', title: SITE.title, url });

export function chapterCitation(
  slug: string,
  title: string,
  version: string,
  date: string,
  url: string,
): CitationTarget {
  return { key: `dln-${slug}-${version}`, title, version, date, url };
}
