import { describe, expect, it } from 'vitest';
import { deferModuleScripts } from '../../src/lib/page-scripts/defer';

const PAGE = `<!DOCTYPE html><html><head><script>document.documentElement.dataset.theme='light'</script>
<script type="module" src="/_astro/Search.js"></script></head><body><main>
<script type="module">customElements.define('astro-island', class extends HTMLElement {})</script>
<script type="module" src="/_astro/WidgetFrame.js"></script>
<p>text</p><script type="module" src="/_astro/WidgetFrame.js"></script>
<script type="module" src="/_astro/SelfCheck.js"></script></main></body></html>`;

/** Runs the page's loader against a minimal document and frame clock, and records what it inserts. */
function runLoader(html: string, visibility: 'visible' | 'hidden') {
  const loader = html.match(/<script data-page-scripts>([\s\S]*?)<\/script>/)![1];
  const inserted: { type: string; src: string }[] = [];
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const document = {
    visibilityState: visibility,
    createElement: () => ({ type: '', src: '' }),
    head: { append: (el: { type: string; src: string }) => inserted.push(el) },
  };
  new Function('document', 'requestAnimationFrame', 'setTimeout', loader)(
    document,
    (f: () => void) => frames.push(f),
    (f: () => void) => timers.push(f),
  );
  return { inserted, frames, timers };
}

describe('module scripts after the first paint', () => {
  const out = deferModuleScripts(PAGE);

  it('takes every module script tag out of the page, keeping inline and classic scripts', () => {
    expect(out).not.toMatch(/<script type="module" src=/);
    expect(out).toContain(`<script type="module">customElements.define`);
    expect(out).toContain(`<script>document.documentElement.dataset.theme='light'</script>`);
    expect(out).toContain('<p>text</p>');
  });

  it('puts one loader at the end of the body, listing each script once in page order', () => {
    expect(out.match(/<script data-page-scripts>/g)).toHaveLength(1);
    expect(out).toMatch(/<script data-page-scripts>[^<]*<\/script><\/body>/);
    expect(out).toContain('(["/_astro/Search.js","/_astro/WidgetFrame.js","/_astro/SelfCheck.js"])');
  });

  it('leaves a page without module scripts as it was', () => {
    const plain = '<html><body><p>x</p><script type="module">1</script></body></html>';
    expect(deferModuleScripts(plain)).toBe(plain);
  });

  it('inserts nothing before the first frame, then every script once as a module, in order', () => {
    const run = runLoader(out, 'visible');
    expect(run.inserted).toEqual([]);
    run.frames.forEach((f) => f());
    expect(run.inserted).toEqual([]);
    run.timers.forEach((f) => f());
    expect(run.inserted).toEqual([
      { type: 'module', src: '/_astro/Search.js' },
      { type: 'module', src: '/_astro/WidgetFrame.js' },
      { type: 'module', src: '/_astro/SelfCheck.js' },
    ]);
  });

  it('loads at once in a hidden page, which paints no frame', () => {
    const run = runLoader(out, 'hidden');
    expect(run.inserted.map((s) => s.src)).toHaveLength(3);
    expect(run.frames).toEqual([]);
  });

  it('escapes a "<" in an address so the list cannot end the script element', () => {
    const odd = deferModuleScripts('<body><script type="module" src="/a</script>.js"></script></body>');
    expect(odd).not.toContain('/a</script>');
  });
});
