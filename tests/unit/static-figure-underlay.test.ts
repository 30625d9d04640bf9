import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { liftUnderlayImages } from '../../src/lib/static-figure';

function lifted(markup: string): Element {
  const { document } = parseHTML(`<!doctype html><html><body><div id="root">${markup}</div></body></html>`);
  const root = document.getElementById('root')!;
  liftUnderlayImages(root);
  return root;
}

describe('static figures: an image under the whole chart becomes a lazy <img>', () => {
  it('moves a first-drawn <image> out of the SVG, placed in percent of the viewBox', () => {
    const root = lifted(
      '<svg viewBox="0 0 240 50" width="240" height="50" aria-label="ramp"><title>t</title>' +
        '<image href="/_figures/a.png" preserveAspectRatio="none" x="0" y="18" width="240" height="10"/>' +
        '<g><text>0.5</text></g></svg>',
    );
    const wrapper = root.querySelector('span.raster-under')!;
    expect(wrapper).not.toBeNull();
    const img = wrapper.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('/_figures/a.png');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('alt')).toBe('');
    expect(img.getAttribute('style')).toBe('left:0%;top:36%;width:100%;height:20%');
    // The image is under the SVG (first in the wrapper), and the SVG keeps everything else.
    expect(wrapper.firstElementChild).toBe(img);
    const svg = wrapper.querySelector('svg')!;
    expect(svg.querySelector('image')).toBeNull();
    expect(svg.querySelector('title')?.textContent).toBe('t');
    expect(svg.querySelector('text')?.textContent).toBe('0.5');
  });

  it('uses width and height when the SVG has no viewBox, and x = y = 0 when absent', () => {
    const root = lifted('<svg width="124" height="124"><image href="/_figures/d.png" width="124" height="124"/></svg>');
    expect(root.querySelector('img')!.getAttribute('style')).toBe('left:0%;top:0%;width:100%;height:100%');
  });

  it('leaves images that something else is drawn under, that are rotated, or that are data URLs', () => {
    const cases = [
      '<svg viewBox="0 0 10 10"><g><line/></g><image href="/_figures/b.png" width="10" height="10"/></svg>',
      '<svg viewBox="0 0 10 10"><image href="/_figures/c.png" width="10" height="10" transform="rotate(45)"/></svg>',
      '<svg viewBox="0 0 10 10"><image href="data:image/png;base64,AA" width="10" height="10"/></svg>',
    ];
    for (const markup of cases) {
      const root = lifted(markup);
      expect(root.querySelector('.raster-under')).toBeNull();
      expect(root.querySelector('svg image')).not.toBeNull();
    }
  });
});

describe('static figures: a raster mark after the axes', () => {
  const axes =
    '<g aria-label="y-axis tick"><path d="M0,0"/></g>' +
    '<g aria-label="y-axis tick label" transform="translate(-9,0)"><text>0</text></g>' +
    '<g aria-label="x-axis label" transform="translate(17,37)"><text>key</text></g>';

  it('is lifted with its translation, and its emptied group removed', () => {
    const root = lifted(
      `<svg viewBox="0 0 320 280">${axes}<g role="group" aria-label="raster">` +
        '<image href="/_figures/h.png" image-rendering="pixelated" preserveAspectRatio="none" width="276" height="240" transform="translate(44,20) scale(1,1)"/></g></svg>',
    );
    const img = root.querySelector('.raster-under > img')!;
    expect(img.getAttribute('style')).toBe('left:13.75%;top:7.143%;width:86.25%;height:85.714%');
    expect(img.getAttribute('class')).toBe('pixelated');
    expect(root.querySelector('[aria-label="raster"]')).toBeNull();
    expect(root.querySelectorAll('svg g')).toHaveLength(3);
  });

  it('stays in the SVG after a grid, inside a moved group, or when scaled', () => {
    for (const markup of [
      `<svg viewBox="0 0 10 10">${axes}<g aria-label="raster" transform="translate(2,2)"><image href="/_figures/m.png" width="5" height="5"/></g></svg>`,
      `<svg viewBox="0 0 10 10"><g aria-label="x-grid"><line/></g><g aria-label="raster"><image href="/_figures/g.png" width="5" height="5"/></g></svg>`,
      `<svg viewBox="0 0 10 10">${axes}<g aria-label="raster"><image href="/_figures/s.png" width="5" height="5" transform="translate(1,1) scale(2,2)"/></g></svg>`,
    ]) {
      expect(lifted(markup).querySelector('svg image')).not.toBeNull();
    }
  });
});
