/** The lesson outline read from MDX (src/lib/lesson-catalog.ts): widgets with their literal props, exercises, self-checks, sections. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outlineLesson } from '../../src/lib/lesson-catalog';

const body = (slug: string) =>
  readFileSync(`content/lessons/${slug}/index.mdx`, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');

describe('lesson outline', () => {
  it('finds every widget of the transformers lesson with its folder, file and props', async () => {
    const o = await outlineLesson(body('transformers'), 'transformers');
    expect(o.widgets.filter((w) => w.folder !== 'code-cell').map((w) => [w.folder, w.file, w.props.id])).toEqual([
      ['scaled-dot-product', 'ScaledDotProductExplorer', 'sdp'],
      ['positional-encoding', 'PositionalEncodingViewer', 'pe'],
      ['attention-playground', 'AttentionPlayground', 'ap'],
    ]);
    // Code cells are widgets too; their program is computed in the MDX (from cells.ts), so not embeddable.
    for (const cell of o.widgets.filter((w) => w.folder === 'code-cell')) {
      expect(cell.computed).toContain('code');
    }
    expect(o.h2.length).toBeGreaterThan(6);
    expect(o.h2[0]).toBe('Tokens and embeddings');
    expect(o.exercises.find((e) => e.id === 'ap-heads')).toMatchObject({
      widget: 'ap',
      state: 'ap.task=reverse&ap.heads=1',
    });
    // Every widget sits in a section.
    for (const w of o.widgets) expect(w.section).toBeGreaterThanOrEqual(0);
  });

  it('reads literal props of every kind and rejects computed ones', async () => {
    const src = [
      "import W from '../../../src/widgets/some-widget/SomeWidget.astro';",
      '',
      '## First',
      '',
      'Math with braces $\\frac{a}{b}$ is not an expression.',
      '',
      '<W id="w" n={48} neg={-2} flag scale={false} list={[1, "a"]} obj={{ a: 1, b: { c: "d" } }} t={`x`} />',
    ].join('\n');
    const o = await outlineLesson(src, 'test');
    expect(o.widgets[0].props).toEqual({
      id: 'w',
      n: 48,
      neg: -2,
      flag: true,
      scale: false,
      list: [1, 'a'],
      obj: { a: 1, b: { c: 'd' } },
      t: 'x',
    });
    expect(o.widgets[0].section).toBe(0);
    // A computed prop on a widget is named, not evaluated (the tag then has no embed page); on an
    // exercise it is left out (no preset for that exercise); on a self-check it still throws.
    const computed = await outlineLesson(src.replace('n={48}', 'n={4 * 12}'), 'test');
    expect(computed.widgets[0].computed).toEqual(['n']);
    expect(computed.widgets[0].props.n).toBeUndefined();
    expect(o.widgets[0].computed).toEqual([]);
  });

  it('reads the diffusion lesson, whose explorer names the lab on its page', async () => {
    const o = await outlineLesson(body('diffusion'), 'diffusion');
    expect(o.widgets.find((w) => w.folder === 'forward-process')?.props).toEqual({ id: 'fwd', labId: 'lab' });
    expect(o.widgets.map((w) => w.props.id)).toEqual(['fwd', 'cell-noise-digit', 'cell-moments', 'lab', 'digits']);
  });
});
