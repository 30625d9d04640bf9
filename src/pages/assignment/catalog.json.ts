/**
 * /assignment/catalog.json: the chapters, sections, exercises, self-checks and widget params that
 * assignment links are validated against (src/lib/assignment.ts). Written at build time.
 */
import type { APIRoute } from 'astro';
import { assignmentCatalog } from '../../components/assignment-catalog';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await assignmentCatalog()), { headers: { 'content-type': 'application/json' } });
