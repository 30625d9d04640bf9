/** /CITATION.cff: the repository's CITATION.cff, served as it is (one file, two places). */
import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';

export const GET: APIRoute = () =>
  new Response(readFileSync('CITATION.cff', 'utf8'), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
