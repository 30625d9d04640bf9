import { describe, expect, it } from 'vitest';
import { embedPath, embedSnippet, printedSettings, widgetQuery } from '../../src/components/embed-links';

describe('embed links', () => {
  it('has an embed page only on a lesson or an embed page', () => {
    expect(embedPath('/lessons/transformers/', 'sdp')).toBe('/embed/transformers/sdp/');
    expect(embedPath('/embed/diffusion/fp/', 'fp')).toBe('/embed/diffusion/fp/');
    expect(embedPath('/models/', 'zoo')).toBeNull();
    expect(embedPath('/', 'sdp')).toBeNull();
  });

  it("keeps the widget's own keys and the backend, and drops the other widgets'", () => {
    expect(widgetQuery('?sdp.d=128&ap.heads=1&backend=cpu&sdp.scale=0', 'sdp')).toBe(
      '?sdp.d=128&backend=cpu&sdp.scale=0',
    );
    expect(widgetQuery('?ap.heads=1', 'sdp')).toBe('');
    // A prefix of another id is not its namespace.
    expect(widgetQuery('?sdpx.d=1', 'sdp')).toBe('');
  });

  it('escapes the snippet attributes', () => {
    expect(embedSnippet('/embed/a/b/?x=1&y="2"', 'A <b> "c"', 650)).toBe(
      '<iframe src="/embed/a/b/?x=1&amp;y=&quot;2&quot;" title="A &lt;b> &quot;c&quot;" width="100%" height="650" style="border:0;max-width:100%" loading="lazy"></iframe>',
    );
  });

  it('prints the readable settings and leaves long or structured values to the URL', () => {
    expect(
      printedSettings({ d: 128, scale: false, task: 'sort', points: [1, 2], data: 'x'.repeat(41), empty: '' }),
    ).toBe('d 128, scale off, task sort');
  });
});
