/**
 * The shared digit input's pure parts (src/widgets/zoo-shared/digit-input.ts): its params through the URL
 * (pick and draw, with hostile values), what a drawing resolves to before and after the round trip, and
 * the pad's pointer, keyboard and limit rules. Also the model cards' measured sentences (catalog and
 * model-cards.ts) against the committed manifests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeParams, defineParams, encodeParams, intParam } from '../../src/lib/params';
import { MAX_DIGIT_TEXT, MAX_POINTS, MAX_STROKES } from '../../src/math/digit-codec';
import type { DigitSplitManifest } from '../../src/math/digit-split';
import { preprocessStrokes, type Stroke, type StrokePoint } from '../../src/math/digits';
import type { ZooManifest } from '../../src/math/zoo';
import { catalogFromManifests, modelFacts, weakestClasses } from '../../src/widgets/zoo-shared/catalog';
import {
  addStroke,
  clientToUnit,
  CURSOR_START,
  describePreprocessing,
  digitInputParams,
  drawingText,
  extendStroke,
  moveCursor,
  padRoom,
  resolveDigitInput,
  snapStroke,
  STROKE_SPACING,
} from '../../src/widgets/zoo-shared/digit-input';
import { recipeLines, robustnessLine, weaknesses } from '../../src/widgets/zoo-shared/model-cards';
import { zooModelParam } from '../../src/widgets/zoo-shared/params';

/** A chapter widget's params with the shared input spread in, as the explorer does. */
const params = defineParams({
  model: zooModelParam(),
  ...digitInputParams,
  seed: intParam({ default: 1, min: 0, max: 9, label: 'Seed' }),
});
const decode = (query: string) => decodeParams(params, new URLSearchParams(query), 'w');
const roundTrip = (values: ReturnType<typeof decode>['values']) =>
  decode(encodeParams(params, values, new URLSearchParams(), 'w').toString());

/** A hand-drawn 7: a bar across the top and a slanted stroke down (unit square, y down). */
const SEVEN: StrokePoint[][] = [
  [
    [0.22, 0.18],
    [0.5, 0.17],
    [0.78, 0.19],
  ],
  [
    [0.78, 0.19],
    [0.62, 0.5],
    [0.48, 0.84],
  ],
];

describe('digit input params and URL state', () => {
  it('pick a test digit: class and number round-trip, and name the split’s interleaved index', () => {
    const start = decode('');
    expect(start.values).toMatchObject({ input: 'test', digit: 3, index: 0, drawing: '' });
    const { values, notices } = roundTrip({ ...start.values, digit: 7, index: 123 });
    expect(notices).toEqual([]);
    expect(resolveDigitInput(values)).toEqual({ kind: 'test', digit: 7, index: 123, testIndex: 1237 });
    // Defaults are left out of the URL.
    expect(encodeParams(params, start.values, new URLSearchParams(), 'w').toString()).toBe('');
  });

  it('a drawing round-trips through the URL, and the model gets the same 28 × 28 input after it', () => {
    const text = drawingText(SEVEN);
    expect(text).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const { values, notices } = roundTrip({ ...decode('').values, input: 'drawn', drawing: text });
    expect(notices).toEqual([]);
    const resolved = resolveDigitInput(values);
    if (resolved.kind !== 'drawn') throw new Error('expected a drawing');
    expect(resolved.notice).toBeUndefined();
    expect(resolved.strokes).toEqual(SEVEN.map(snapStroke));
    // Stored again, the stored drawing gives the same text: the URL is a fixed point.
    expect(drawingText(resolved.strokes)).toBe(text);
    expect(resolved.preprocessed.hasInk).toBe(true);
    expect(Array.from(resolved.preprocessed.pixels)).toEqual(
      Array.from(preprocessStrokes(SEVEN.map(snapStroke)).pixels),
    );
    expect(resolved.preprocessed.fitted!.height).toBe(20);
    expect(resolved.preprocessed.centre!.x).toBeCloseTo(14, 0);
  });

  it('hostile values never throw: each is corrected or dropped with a notice that says what happened', () => {
    const hostile = [
      'w.input=<script>&w.digit=NaN&w.index=1e9&w.model=resnet',
      'w.input=drawn&w.drawing=%00%3C%3E!!%7B%7D',
      'w.input=drawn&w.drawing=%3Cscript%3E',
      `w.input=drawn&w.drawing=${'ABCDEFGH'.repeat(100)}`,
      'w.input=drawn&w.drawing=....',
      'w.input=drawn&w.drawing=' + encodeURIComponent('gI gQ ✓✓ gYg'),
      'w.index=-4&w.digit=9.5',
      'w.input=drawn&w.drawing',
    ];
    for (const q of hostile) {
      const { values } = decode(q);
      expect(() => resolveDigitInput(values), q).not.toThrow();
    }
    const a = decode(hostile[0]);
    expect(a.values).toMatchObject({ input: 'test', digit: 3, index: 199, model: 'cnn' });
    expect(a.notices.join(' ')).toMatch(/Digit to classify: "<script>"/);
    expect(a.notices.join(' ')).toMatch(/Test digit class: "NaN" is not a number/);
    expect(a.notices.join(' ')).toMatch(/Test digit number: 1e9 is above the maximum; using 199/);
    const script = resolveDigitInput(decode(hostile[1]).values);
    expect(script).toMatchObject({ kind: 'drawn', strokes: [] });
    expect(script.kind === 'drawn' && script.notice).toMatch(/unreadable point/);
    expect(script.kind === 'drawn' && script.preprocessed.hasInk).toBe(false);
    // Letters are the codec's own characters: "<script>" pairs as "<s", "cr", "ip", "t>": two points kept.
    const letters = resolveDigitInput(decode(hostile[2]).values);
    expect(letters.kind === 'drawn' && letters.strokes.flat()).toHaveLength(2);
    expect(letters.kind === 'drawn' && letters.notice).toMatch(/2 unreadable points dropped/);
    // Too long for the param: cut to the codec's limit with the param's own notice; the codec reads the rest.
    const long = decode(hostile[3]);
    expect(long.notices).toEqual([`Drawn digit: text longer than ${MAX_DIGIT_TEXT} characters was cut.`]);
    const longResolved = resolveDigitInput(long.values);
    expect(longResolved.kind === 'drawn' && padRoom(longResolved.strokes).points).toBe(MAX_POINTS);
    const dots = resolveDigitInput(decode(hostile[4]).values);
    expect(dots.kind === 'drawn' && dots.notice).toMatch(/empty strokes? skipped/);
    const mixed = resolveDigitInput(decode(hostile[5]).values);
    expect(mixed.kind === 'drawn' && mixed.strokes.flat().length).toBeGreaterThan(0);
    expect(mixed.kind === 'drawn' && mixed.notice).toMatch(/dropped/);
    expect(decode(hostile[6]).values).toMatchObject({ index: 0, digit: 9 });
    expect(resolveDigitInput(decode(hostile[7]).values)).toMatchObject({
      kind: 'drawn',
      strokes: [],
      notice: undefined,
    });
  });

  it('chapters can narrow the model choice', () => {
    const p = zooModelParam({ default: 'robust-cnn', options: ['cnn', 'robust-cnn'] });
    expect(p.options).toEqual(['cnn', 'robust-cnn']);
    expect(p.optionLabels?.['robust-cnn']).toBe('Adversarially trained CNN');
  });
});

describe('digit pad geometry', () => {
  const box = { left: 100, top: 50, width: 200, height: 200 };
  it('maps pointer positions into the unit square, clamped', () => {
    expect(clientToUnit(box, 200, 150)).toEqual([0.5, 0.5]);
    expect(clientToUnit(box, 0, 400)).toEqual([0, 1]);
    expect(clientToUnit(box, Number.NaN, 50)).toEqual([0, 0]);
  });

  it('adds a drag point once the pointer has moved two grid levels', () => {
    const s: StrokePoint[] = [[0.5, 0.5]];
    expect(extendStroke(s, [0.5 + STROKE_SPACING / 2, 0.5])).toBe(s);
    expect(extendStroke(s, [0.5 + STROKE_SPACING, 0.5])).toHaveLength(2);
    expect(extendStroke([], [0.1, 0.2])).toEqual([[0.1, 0.2]]);
  });

  it('moves the keyboard cross on the codec grid, inside the pad', () => {
    expect(CURSOR_START).toEqual([32 / 63, 32 / 63]);
    expect(moveCursor(CURSOR_START, 'ArrowRight')).toEqual([34 / 63, 32 / 63]);
    expect(moveCursor(CURSOR_START, 'ArrowUp', true)).toEqual([32 / 63, 24 / 63]);
    let c: StrokePoint = CURSOR_START;
    for (let i = 0; i < 40; i++) c = moveCursor(c, 'ArrowLeft', true)!;
    expect(c).toEqual([0, 32 / 63]);
    expect(moveCursor(CURSOR_START, 'a')).toBeNull();
  });

  it('keeps a drawing inside the codec’s limits, saying why a stroke did not fit', () => {
    let strokes: Stroke[] = SEVEN.map(snapStroke);
    for (let i = strokes.length; i < MAX_STROKES; i++) strokes = addStroke(strokes, [[i / 20, 0.5]]).strokes;
    expect(padRoom(strokes)).toMatchObject({ strokes: MAX_STROKES, full: true });
    const refused = addStroke(strokes, [[0.9, 0.9]]);
    expect(refused.strokes).toHaveLength(MAX_STROKES);
    expect(refused.message).toMatch(/at most 16 strokes/);
    const line = Array.from({ length: 400 }, (_, i): StrokePoint => [(i % 64) / 63, Math.floor(i / 64) / 63]);
    const cut = addStroke([], line);
    expect(padRoom(cut.strokes).points).toBe(MAX_POINTS);
    expect(cut.message).toMatch(/cut at the drawing's limit of 300 points/);
    expect(addStroke([], [])).toEqual({ strokes: [], message: '' });
  });

  it('describes the preprocessing in numbers, and says when the pad is blank', () => {
    const p = preprocessStrokes(SEVEN.map(snapStroke));
    expect(describePreprocessing(p, 112)).toMatch(
      /^Ink box \d+ × \d+ of the 112 × 112 drawing, fitted into \d+ × 20 of MNIST's 20 × 20 box, centre of mass moved to \(1[34]\.\d, 1[34]\.\d\)/,
    );
    expect(describePreprocessing(preprocessStrokes([]), 112)).toMatch(/blank/);
  });
});

describe('model cards', () => {
  const read = <T>(...p: string[]) => JSON.parse(readFileSync(join(process.cwd(), 'public', ...p), 'utf8')) as T;
  const catalog = catalogFromManifests(
    read<ZooManifest>('weights', 'zoo', 'manifest.json'),
    read<DigitSplitManifest>('data', 'zoo', 'manifest.json'),
  );

  it('carry the manifests’ numbers: splits, sizes, scores', () => {
    expect(catalog.splits.test).toMatchObject({ count: 2000, bytes: 326_557 });
    expect(catalog.splits.train.perClass.reduce((a, b) => a + b, 0)).toBe(7000);
    expect(modelFacts(catalog, 'cnn').test.accuracy).toBe(0.9805);
    expect(weakestClasses(modelFacts(catalog, 'softmax'))).toEqual([
      { digit: 2, accuracy: 0.855 },
      { digit: 8, accuracy: 0.86 },
      { digit: 5, accuracy: 0.87 },
    ]);
  });

  it('state each weakness as a measured number', () => {
    const cnn = modelFacts(catalog, 'cnn');
    const robust = modelFacts(catalog, 'robust-cnn');
    expect(robustnessLine(cnn)).toBe(
      '0.20% of the 2,000 test digits (4) still classified right under an L∞ PGD attack: ε = 0.3 on [0, 1] pixels, 40 steps of 0.01, from a random start in the ε-ball, against 98.05% on the clean digits.',
    );
    expect(robustnessLine(modelFacts(catalog, 'mlp'))).toMatch(/^Not measured/);
    expect(weaknesses(cnn, catalog)).toContain(
      'Adversarial digits defeat it: under PGD at ε = 0.3 it keeps 0.2% (4 of 2,000).',
    );
    const r = weaknesses(robust, catalog);
    expect(r).toContain('The least calibrated model of the zoo on the validation digits: ECE 4.6%, NLL 0.146 nats.');
    expect(r.join(' ')).toMatch(/96\.55% against the plain CNN’s 98\.05%.*3\.5× its training time/);
    expect(weaknesses(modelFacts(catalog, 'softmax'), catalog)[0]).toBe(
      'Weakest classes on the test digits: 2 (85.5%), 8 (86.0%), 5 (87.0%); the best is 97.5%.',
    );
    expect(recipeLines(robust).join(' ')).toMatch(
      /ε = 0.3, 7 steps of 0.1, random start; ε ramped up over the first 218 steps/,
    );
  });
});
