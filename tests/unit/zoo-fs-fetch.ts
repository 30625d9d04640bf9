/**
 * A fetch over public/ for the zoo's Node tests: what the site would serve, read from disk, with a
 * Content-Length and a streamed body (so download progress is exercised), plus hooks to count requests
 * and to damage a file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PUBLIC = join(process.cwd(), 'public');

export interface FsFetch {
  fetch: typeof fetch;
  /** Paths requested, in order. */
  requests: string[];
  /** Bytes to serve instead of a file's (by path under the base, e.g. "weights/zoo/cnn.bin"). */
  override: Map<string, Uint8Array>;
}

/** Serves `http://site/<path>` from public/<path>; `base` is the site's base URL the code is given. */
export function fsFetch(base = 'http://site/'): FsFetch {
  const requests: string[] = [];
  const override = new Map<string, Uint8Array>();
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (init?.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    const path = url.startsWith(base) ? url.slice(base.length) : url;
    requests.push(path);
    let body: Uint8Array;
    try {
      body = override.get(path) ?? new Uint8Array(readFileSync(join(PUBLIC, path)));
    } catch {
      return new Response('not found', { status: 404 });
    }
    // Two chunks, so progress reports more than once.
    const half = Math.floor(body.length / 2);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body.slice(0, half));
        controller.enqueue(body.slice(half));
        controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-length': String(body.length) } });
  };
  return { fetch: fetcher as typeof fetch, requests, override };
}
