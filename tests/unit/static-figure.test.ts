import { describe, expect, it } from 'vitest';
import { renderStatic, roundGeometry } from '../../src/lib/static-figure';

describe('static figures', () => {
  it('cut geometry to one decimal and leave text, labels and colours alone', () => {
    const svg =
      '<svg width="340" viewBox="0 0 340 340" aria-label="ᾱ_t = 0.8512345"><circle r="1.4" cy="58.27732034967697" cx="-41.563500577279314" fill="#0072B2"></circle>' +
      '<path d="M41.563500577279314,58.27732034967697L1.5e-7,3"></path><text y="0.71234em">0.396123</text></svg>';
    expect(roundGeometry(svg)).toBe(
      '<svg width="340" viewBox="0 0 340 340" aria-label="ᾱ_t = 0.8512345"><circle r="1.4" cy="58.2" cx="-41.5" fill="#0072B2"></circle>' +
        '<path d="M41.5,58.2L1.5e-7,3"></path><text y="0.7em">0.396123</text></svg>',
    );
  });

  it('render a chart function with a build-time document', () => {
    const markup = renderStatic(({ document }) => {
      const el = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
      el.setAttribute('cx', '1.23456');
      return el;
    });
    expect(markup).toBe('<circle cx="1.2" />');
  });
});
