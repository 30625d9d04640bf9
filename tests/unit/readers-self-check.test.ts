/** Self-check grading (src/lib/self-check.ts), reading progress (src/lib/progress.ts), citations (src/lib/citation.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAudience } from '../../src/lib/audience';
import { bibtex, chapterCitation, citationText, licences, SITE } from '../../src/lib/citation';
import {
  emptyProgress,
  markSection,
  mergeProgress,
  parseProgress,
  recordCheck,
  sanitiseProgress,
} from '../../src/lib/progress';
import {
  acceptedNumbers,
  answerKey,
  bucketOf,
  checkGoal,
  evaluateGoal,
  normaliseNumber,
} from '../../src/lib/self-check';

describe('self-check grading', () => {
  it('normalises typed numbers strictly, at the asked precision', () => {
    expect(normaliseNumber(' 0,99966 ', 4)).toBe('0.9997');
    expect(normaliseNumber('16384', 0)).toBe('16384');
    expect(normaliseNumber('-0.0001', 2)).toBe('0.00');
    expect(normaliseNumber('1e3', 0)).toBe('1000');
    for (const bad of ['', 'abc', '0x10', '1.2.3', 'Infinity', '1,5,2'])
      expect(normaliseNumber(bad, 2), bad).toBeNull();
  });

  it('accepts the grid values within the tolerance, and hashes keys', () => {
    expect(acceptedNumbers(0.99966, 0.00005, 4)).toEqual(['0.9997']);
    expect(acceptedNumbers(0.724, 0.005, 2)).toEqual(['0.72']);
    expect(acceptedNumbers(8, 1, 0)).toEqual(['7', '8', '9']);
    expect(() => acceptedNumbers(0.55, 0.001, 1)).toThrow(/no value/);
    expect(answerKey('a', '1')).toMatch(/^[0-9a-f]{16}$/);
    expect(answerKey('a', '1')).not.toBe(answerKey('b', '1'));
  });

  it('evaluates a goal against a widget’s published facts', () => {
    const goal = { state: { task: 'reverse', heads: 1 }, metrics: { accuracy: { min: 0.95 } } };
    const facts = { status: 'running', state: { task: 'reverse', heads: 1 }, metrics: { accuracy: 0.5 } };
    expect(evaluateGoal(goal, null).met).toBe(false);
    expect(evaluateGoal(goal, facts).met).toBe(false);
    expect(evaluateGoal(goal, { ...facts, metrics: { accuracy: 0.97 } }).met).toBe(true);
    expect(evaluateGoal(goal, { ...facts, status: 'loading', metrics: { accuracy: 0.97 } }).met).toBe(false);
    expect(evaluateGoal(goal, { ...facts, state: { task: 'sort', heads: 1 }, metrics: { accuracy: 1 } }).met).toBe(
      false,
    );
    expect(() => checkGoal(goal, { task: 1 }, { accuracy: 1 }, 'x')).toThrow(/no param "heads"/);
  });

  it('puts a measured value in its predicted range', () => {
    const options = [
      { label: 'low', max: 0.5 },
      { label: 'mid', min: 0.5, max: 0.9 },
      { label: 'high', min: 0.9, max: 1 },
    ];
    expect([0, 0.49, 0.5, 0.9, 1].map((v) => bucketOf(v, options))).toEqual([0, 0, 1, 2, 2]);
  });
});

describe('reading progress', () => {
  it('records, merges, and survives garbage', () => {
    const p = recordCheck(
      markSection(emptyProgress(), 'transformers', 'tokens'),
      'transformers',
      'score-std',
      true,
      '2027-01-01T00:00:00Z',
    );
    const { progress } = parseProgress(JSON.stringify(p));
    expect(progress).toEqual(p);
    const later = recordCheck(emptyProgress(), 'transformers', 'score-std', false, '2027-02-01T00:00:00Z');
    expect(mergeProgress(structuredClone(p), later).lessons.transformers.checks['score-std'].ok).toBe(false);
    expect(parseProgress('{').notice).toMatch(/not JSON/);
    expect(parseProgress('[1,2]').notice).toMatch(/not a progress export/);
    const { progress: cleaned, dropped } = sanitiseProgress({
      version: 1,
      lessons: { transformers: { sections: ['ok', 5, '<x>'], checks: { a: { ok: 'yes', at: 1 } } }, 'BAD SLUG': {} },
    });
    expect(cleaned.lessons.transformers).toEqual({ sections: ['ok'], checks: {} });
    expect(dropped).toBe(4);
  });
});

describe('citations and licences', () => {
  it('CITATION.cff says what src/lib/citation.ts says', () => {
    const cff = readFileSync('CITATION.cff', 'utf8');
    expect(cff).toContain(`title: ${SITE.title}`);
    expect(cff).toContain(`name: ${SITE.author}`);
    for (const l of Object.values(licences)) expect(cff).toContain(`- ${l.spdx}`);
  });

  it('cites a chapter at its edition, in BibTeX and in words', () => {
    const c = chapterCitation(
      'transformers',
      'Chapter 1: Transformers & attention',
      '2.0',
      '2026-12-01',
      'https://x/lessons/transformers/',
    );
    const bib = bibtex(c);
    expect(bib).toMatch(/^@misc\{dln-transformers-2\.0,/);
    expect(bib).toContain('title = {{Chapter 1: Transformers \\& attention}}');
    expect(bib).toContain('edition = {2.0}');
    expect(citationText(c)).toBe(
      'Deep Learning Notebook contributors (2026). Chapter 1: Transformers & attention (edition 2.0, 2026-12-01). Deep Learning Notebook. https://x/lessons/transformers/',
    );
  });

  it('reads the build audience strictly', () => {
    expect(parseAudience(undefined)).toBe('public');
    expect(parseAudience('student')).toBe('student');
    expect(() => parseAudience('teacher')).toThrow(/DLN_AUDIENCE/);
  });
});
