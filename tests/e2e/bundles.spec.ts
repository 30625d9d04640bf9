/**
 * What the built site ships to a page: the client bundle's chunks, as the build recorded them
 * (src/build/chunk-report.mjs), contain no TensorFlow.js. tfjs, its backends and the model code load
 * only inside the widgets' Workers, which reach the client bundle as separate assets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CHUNK_REPORT } from '../../src/build/chunk-report.mjs';

interface Report {
  outDir: string;
  chunks: { file: string; modules: string[] }[];
  workers: string[];
}

test('no page-side chunk of the build contains tfjs or src/ml', () => {
  expect(existsSync(CHUNK_REPORT), `${CHUNK_REPORT} (written by npm run build)`).toBe(true);
  const report = JSON.parse(readFileSync(CHUNK_REPORT, 'utf8')) as Report;
  // The report is of the client build: the widgets' views are in it, and their workers beside it.
  expect(report.chunks.some((c) => c.modules.some((m) => m.includes('src/widgets/')))).toBe(true);
  expect(report.workers.length).toBeGreaterThanOrEqual(3);
  const offending = report.chunks.flatMap((c) =>
    c.modules.filter((m) => m.includes('@tensorflow') || m.startsWith('src/ml/')).map((m) => `${c.file}: ${m}`),
  );
  expect(offending).toEqual([]);
});
