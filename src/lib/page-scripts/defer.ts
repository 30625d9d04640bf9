/**
 * The page's own scripts, loaded after its first paint. Astro writes each component's script as
 * `<script type="module" src="/_astro/…">` where the component is used; the browser's preload scanner
 * fetches those at high priority while the HTML is still arriving. None of them is needed to show the
 * lesson (search, self-checks, reading progress, the widget reader and offline support only enhance
 * text that is already there), so on a slow phone connection they only compete with the HTML for
 * bandwidth and, in Lighthouse's model of a slow 4G phone, every one that finished before the first
 * paint counted as render-blocking: with them the transformers and diffusion lessons' LCP was 1.5-1.7 s,
 * with them loaded after the first paint 1.15-1.4 s (bench/lighthouse.mjs, docs in README "Measuring").
 *
 * `deferModuleScripts` moves every such tag into one small classic script at the end of the body, which
 * inserts them, in the same order, once the first frame has been painted (the next task after the first
 * animation frame). Module scripts never ran before the document was parsed, so each still finds the
 * whole DOM. A hidden page (opened in a background tab) paints nothing, so it loads them at once.
 * Inline module scripts (Astro's island loader) are left where they are: they fetch nothing until an
 * island nears the viewport.
 */

const MODULE_SCRIPT_RE = /<script type="module" src="([^"]+)"><\/script>\s*/g;

/**
 * The loader, written into the page as it is (plain ES2017, no build step between this text and the
 * browser): `urls` is the list of script addresses.
 */
export const LOADER = `(urls) => {
  let done = false;
  const load = () => {
    if (done) return;
    done = true;
    for (const src of urls) {
      const script = document.createElement('script');
      script.type = 'module';
      script.src = src;
      document.head.append(script);
    }
  };
  if (document.visibilityState === 'hidden') load();
  else requestAnimationFrame(() => setTimeout(load));
}`;

/** Rewrites one built page; a page without module scripts is returned unchanged. */
export function deferModuleScripts(html: string): string {
  const urls: string[] = [];
  const stripped = html.replace(MODULE_SCRIPT_RE, (_tag, src: string) => {
    if (!urls.includes(src)) urls.push(src);
    return '';
  });
  if (urls.length === 0) return html;
  const end = stripped.lastIndexOf('</body>');
  if (end < 0) throw new Error('deferModuleScripts: the page has no </body>');
  const loader = `<script data-page-scripts>(${LOADER.replace(/\n\s*/g, ' ')})(${JSON.stringify(urls).replace(/</g, '\\u003c')})</script>`;
  return stripped.slice(0, end) + loader + stripped.slice(end);
}
