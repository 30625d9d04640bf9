/**
 * Claims of the evaluation lesson's leakage section (content/lessons/evaluation/index.mdx), and the
 * issue's test that each fix removes its leak's inflation: the leakage lab's own code at the state the
 * exercise links (a small collection, so it runs in seconds on wasm), and the lesson's table against the
 * committed seeded run of the lab's starting settings (scripts/evaluation-leakage.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256HexSync as sha256 } from '../../../src/lib/sha256';
import {
  decodeSplitFile,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  type DigitSplitManifest,
} from '../../../src/math/digit-split';
import { LEAK_FIXES, LEAK_PROTOCOLS, type LeakProtocolId } from '../../../src/math/evaluation-leakage';
import { runLeakStudy, type LeakResult } from '../../../src/ml/evaluation-leakage';
import { points } from '../../../src/widgets/evaluation-leakage/charts';
import { params } from '../../../src/widgets/evaluation-leakage/params';
import { STATIC_RUN } from '../../../src/widgets/evaluation-leakage/static-figure';
import { exerciseValues, Measurements, useCpu, useWasm } from './helpers';

const LESSON = 'evaluation';
const out = new Measurements();
const mdx = readFileSync(join(process.cwd(), 'content', 'lessons', LESSON, 'index.mdx'), 'utf8');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
let results: Record<LeakProtocolId, LeakResult>;

beforeAll(async () => {
  await useWasm();
  const pub = join(process.cwd(), 'public');
  const data = JSON.parse(readFileSync(join(pub, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
  const train = await decodeSplitFile(
    new Uint8Array(readFileSync(join(pub, ZOO_DATA_DIR, data.splits.train.file))),
    data.splits.train,
    sha256,
  );
  const v = exerciseValues(LESSON, 'leak-fixes', params);
  expect(v).toMatchObject({ model: 'mlp', sources: 200, copies: 4, steps: 150, seed: 1 });
  results = runLeakStudy(train, v);
}, 240_000);

afterAll(async () => {
  out.print('evaluation lesson, leakage');
  await useCpu();
});

describe('leak-fixes: each leak inflates the test score, and each fix removes it', () => {
  it('leaks inflate by more than 8 points; their fixes leave less than 4', () => {
    const inf = (id: LeakProtocolId) => 100 * results[id].inflation;
    for (const { leak, fixes } of LEAK_FIXES) {
      expect(inf(leak)).toBeGreaterThan(8);
      for (const fix of fixes) {
        expect(Math.abs(inf(fix))).toBeLessThan(4);
        expect(inf(leak) - inf(fix)).toBeGreaterThan(8);
      }
    }
    expect(inf('all')).toBeGreaterThan(8);
    expect(results.duplicates.testWithSiblingInTrain).toBeGreaterThan(0.9 * results.duplicates.testCount);
    expect(results.clean.testWithSiblingInTrain).toBe(0);
    expect(results.stamp.heldOutAccuracy).toBeLessThanOrEqual(results.clean.heldOutAccuracy);
    const held = LEAK_PROTOCOLS.map((p) => results[p.id].heldOutAccuracy);
    expect(Math.max(...held) - Math.min(...held)).toBeLessThan(0.05);
    out.record('leak-fixes', Object.fromEntries(LEAK_PROTOCOLS.map((p) => [p.id, results[p.id].inflation])));
  });

  it('the solution quotes each protocol’s test, held-out and inflation', () => {
    const sol = mdx.slice(
      mdx.indexOf('<Exercise id="leak-fixes"'),
      mdx.indexOf('</Exercise>', mdx.indexOf('<Exercise id="leak-fixes"')),
    );
    for (const p of LEAK_PROTOCOLS) {
      const r = results[p.id];
      expect(sol).toContain(`${p.id}: ${pct(r.testAccuracy)} / ${pct(r.heldOutAccuracy)} (${points(r.inflation)})`);
    }
  });
});

describe('the lesson’s table of the starting settings', () => {
  it('quotes the committed seeded run', () => {
    for (const p of LEAK_PROTOCOLS) {
      const r = STATIC_RUN.results[p.id];
      expect(mdx).toContain(
        `| ${p.label} | ${pct(r.testAccuracy)} | ${pct(r.heldOutAccuracy)} | ${points(r.inflation)} |`,
      );
    }
    expect(STATIC_RUN.settings).toEqual({ model: 'mlp', sources: 300, copies: 4, steps: 300, seed: 1 });
  });
});
