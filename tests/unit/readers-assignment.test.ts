/** Assignment links (src/lib/assignment.ts): round trip, validation against the catalog, garbled codes. */
import { describe, expect, it } from 'vitest';
import {
  decodeAssignment,
  encodeAssignment,
  lessonLink,
  presetFromLink,
  type Assignment,
  type AssignmentCatalog,
} from '../../src/lib/assignment';
import { params as apParams } from '../../src/widgets/attention-playground/params';

const catalog: AssignmentCatalog = {
  lessons: [
    {
      slug: 'transformers',
      title: 'Transformers and attention',
      order: 1,
      version: '2.0',
      edition: '2026-12-01',
      minutes: 100,
      sections: [
        { slug: 'tokens-and-embeddings', text: 'Tokens and embeddings' },
        { slug: 'train-one-yourself', text: 'Train one yourself' },
      ],
      exercises: [{ id: 'ap-heads', title: 'One head or four?', section: 'train-one-yourself', widget: 'ap' }],
      checks: [{ id: 'ap-one-head-95', title: 'One head is enough', section: 'train-one-yourself' }],
      widgets: [
        { id: 'ap', name: 'attention-playground', title: 'Attention playground', section: null, params: apParams },
      ],
    },
  ],
};

const assignment: Assignment = {
  title: 'Week 3: attention',
  note: 'Read closely.\nBring questions.',
  due: '2027-02-14',
  items: [
    {
      lesson: 'transformers',
      edition: '2.0',
      sections: ['train-one-yourself'],
      exercises: ['ap-heads'],
      checks: ['ap-one-head-95'],
      presets: [{ widget: 'ap', values: { task: 'sort', heads: '1' }, lock: ['task'], hide: ['heads'] }],
    },
  ],
};

describe('assignment codec', () => {
  it('round-trips through a URL-safe code', async () => {
    const code = await encodeAssignment(assignment);
    expect(code).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    const { assignment: back, notices } = await decodeAssignment(code, catalog);
    expect(notices).toEqual([]);
    expect(back).toEqual(assignment);
  });

  it('builds lesson links with the presets and the code', async () => {
    const code = await encodeAssignment(assignment);
    const link = lessonLink(assignment.items[0], code, 'ap');
    const url = new URL(link, 'http://x');
    expect(url.pathname).toBe('/lessons/transformers/');
    expect(url.searchParams.get('ap.task')).toBe('sort');
    expect(url.searchParams.get('ap.heads')).toBe('1');
    expect(url.searchParams.get('a')).toBe(code);
    expect(url.hash).toBe('#ap');
  });

  it('answers garbled codes with a notice and no assignment, never a throw', async () => {
    const code = await encodeAssignment(assignment);
    for (const bad of ['', 'x', '2.abc', '1.!!!', '1.', `1.${code.slice(2, 12)}`, `1.${'A'.repeat(9000)}`, '1.AAAA']) {
      const { assignment: a, notices } = await decodeAssignment(bad, catalog);
      expect(a, bad).toBeNull();
      expect(notices.length, bad).toBe(1);
    }
  });

  it('keeps what is sound and names what is not', async () => {
    const messy: Assignment = {
      ...assignment,
      due: '2027-02-30',
      items: [
        {
          ...assignment.items[0],
          sections: ['train-one-yourself', 'no-such-section'],
          presets: [
            { widget: 'ap', values: { heads: '9', task: 'juggle', bogus: '1' }, lock: ['nope'], hide: [] },
            { widget: 'zz', values: {}, lock: [], hide: [] },
          ],
        },
        { lesson: 'no-such-lesson', edition: '1.0', sections: [], exercises: [], checks: [], presets: [] },
      ],
    };
    const { assignment: a, notices } = await decodeAssignment(await encodeAssignment(messy), catalog);
    expect(a!.due).toBe('');
    expect(a!.items).toHaveLength(1);
    expect(a!.items[0].sections).toEqual(['train-one-yourself']);
    // The playground's own decoder: heads clamped to its maximum, the unknown task back to the default.
    expect(a!.items[0].presets).toEqual([
      { widget: 'ap', values: { heads: '4', task: 'reverse' }, lock: [], hide: [] },
    ]);
    const text = notices.join('\n');
    for (const part of ['due date', 'no-such-section', 'bogus', 'Heads', 'Task', 'nope', '"zz"', 'no-such-lesson']) {
      expect(text).toContain(part);
    }
  });

  it('reads a preset from a widget link, with the widget’s notices', () => {
    const w = catalog.lessons[0].widgets[0];
    expect(presetFromLink('https://site/lessons/transformers/?ap.task=copy&ap.layers=2&sdp.d=4#ap', w)).toEqual({
      values: { task: 'copy', layers: '2' },
      notices: [],
    });
    const bad = presetFromLink('?ap.heads=abc', w);
    expect(bad.values).toEqual({ heads: '2' });
    expect(bad.notices[0]).toContain('Heads');
    expect(presetFromLink('?sdp.d=4', w).notices[0]).toContain('sets nothing');
  });
});
