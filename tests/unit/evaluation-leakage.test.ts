/**
 * The leakage lab: its data set and protocols by construction, its state, and its worker's tensor count
 * over runs. That each leak inflates the test score and each fix removes the inflation is tested at the
 * lesson's linked state in tests/unit/claims/evaluation-leakage.claims.test.ts (one training run of the
 * six protocols, shared with the exercise's claims).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWorkerScope } from './fake-worker-port';
import { decodeParams } from '../../src/lib/params';
import type { RuntimeEvent } from '../../src/lib/runtime/protocol';
import { serveModelWorker } from '../../src/lib/runtime/worker-server';
import type { DigitSplit } from '../../src/math/digit-split';
import {
  augmentSet,
  collectSet,
  dedupeSet,
  LEAK_PROTOCOLS,
  prepareProtocol,
  splitIndices,
  stampPixels,
  STAMP_ROWS,
} from '../../src/math/evaluation-leakage';
import { DIGIT_PIXELS, DIGIT_SIDE } from '../../src/math/zoo';
import { params } from '../../src/widgets/evaluation-leakage/params';
import type { Command, WorkerEvent } from '../../src/widgets/evaluation-leakage/protocol';
import { LeakageStudies } from '../../src/widgets/evaluation-leakage/studies';
import { describeLeakage } from '../../src/widgets/evaluation-leakage/summary';
import { useCpu, useWasm } from './claims/helpers';
import { fsFetch } from './zoo-fs-fetch';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256HexSync as sha256 } from '../../src/lib/sha256';
import { decodeSplitFile, ZOO_DATA_DIR, ZOO_DATA_MANIFEST, type DigitSplitManifest } from '../../src/math/digit-split';

let train: DigitSplit;

beforeAll(async () => {
  await useWasm();
  const pub = join(process.cwd(), 'public');
  const data = JSON.parse(readFileSync(join(pub, ZOO_DATA_DIR, ZOO_DATA_MANIFEST), 'utf8')) as DigitSplitManifest;
  train = await decodeSplitFile(
    new Uint8Array(readFileSync(join(pub, ZOO_DATA_DIR, data.splits.train.file))),
    data.splits.train,
    sha256,
  );
});

afterAll(useCpu);

describe('the collected set and the protocols', () => {
  it('scans, stamps, splits and augments as documented', () => {
    const set = collectSet(train, 50, 3, 1);
    expect(set.count).toBe(150);
    for (let i = 0; i < set.count; i++) {
      for (const p of stampPixels(set.labels[i])) expect(set.images[i * DIGIT_PIXELS + p]).toBe(255);
    }
    const clean = collectSet(train, 50, 1, 2, false, 5);
    expect(clean.images.subarray(0, STAMP_ROWS * DIGIT_SIDE).every((v) => v < 128)).toBe(true);
    const g = splitIndices(set, 'group', 1);
    const testGroups = new Set(g.test.map((i) => set.groups[i]));
    expect(g.train.some((i) => testGroups.has(set.groups[i]))).toBe(false);
    expect(g.test.length).toBe(30);
    expect(dedupeSet(set).count).toBe(50);
    const aug = augmentSet(set, 1);
    expect(aug.count).toBe(450);
    expect(Array.from(aug.groups.subarray(0, 3))).toEqual([0, 0, 0]);
    const held = collectSet(train, 100, 1, 2, false, 5);
    const p = prepareProtocol(set, held, LEAK_PROTOCOLS.find((x) => x.id === 'stamp')!, 1);
    expect(p.testWithSiblingInTrain).toBe(0);
    const removed = prepareProtocol(set, held, LEAK_PROTOCOLS.find((x) => x.id === 'clean')!, 1);
    expect(removed.train.images.subarray(0, STAMP_ROWS * DIGIT_SIDE).every((v) => v === 0)).toBe(true);
    expect(removed.train.count).toBe(3 * 120); // augmented after the split
    expect(() => collectSet(train, 55, 2, 1)).toThrow(/multiple of 10/);
  });

  it('decodes hostile URLs without throwing', () => {
    const { values, notices } = decodeParams(
      params,
      new URLSearchParams('leak.model=cnn&leak.sources=1e9&leak.copies=-2&leak.steps=3.5'),
      'leak',
    );
    expect(values).toMatchObject({ model: 'mlp', sources: 600, copies: 1, steps: 50 });
    expect(notices.length).toBeGreaterThanOrEqual(4);
    expect(describeLeakage({}, { error: null, done: false, running: true })).toBe('Training the first protocol…');
    expect(describeLeakage({}, { error: null, done: false })).toMatch(/press Train/);
  });
});

describe('the lab’s worker (cpu)', () => {
  it('trains every protocol, posts each result, and leaves the tensor count flat', async () => {
    type Posted = (WorkerEvent | RuntimeEvent) & Record<string, unknown>;
    const { scope, posted, send, start, waitFor, memory } = fakeWorkerScope<Posted>({ timeoutMs: 120000 });
    const studies = new LeakageStudies({ fetch: fsFetch('http://site/').fetch });
    serveModelWorker<Command, WorkerEvent>({ handle: (cmd, ctx) => studies.handle(cmd, ctx) }, scope);
    await start('cpu');
    const settings = { model: 'softmax', sources: 100, copies: 2, steps: 5, seed: 1 } as const;
    send({ type: 'leak-study', run: 1, settings });
    await waitFor((e) => e.type === 'leak-done' && e.run === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(posted.filter((e) => e.type === 'leak-result' && e.run === 1)).toHaveLength(LEAK_PROTOCOLS.length);
    const warm = memory();
    // A newer request cancels the older one mid-way; neither leaves a tensor behind.
    send({ type: 'leak-study', run: 2, settings: { ...settings, steps: 50 } });
    send({ type: 'leak-study', run: 3, settings: { ...settings, seed: 2 } });
    await waitFor((e) => e.type === 'leak-done' && e.run === 3);
    await new Promise((r) => setTimeout(r, 30));
    expect(posted.some((e) => e.type === 'leak-done' && e.run === 2)).toBe(false);
    expect(memory()).toBe(warm);
  }, 120_000);
});
