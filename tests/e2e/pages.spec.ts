/**
 * Every page of the built site (the home page, each lesson): no console error and no request to another
 * host with every widget visited; axe with the WCAG 2.0–2.2 A and AA tags and best practice, in light and
 * dark, after scrolling the whole page; and without JavaScript, every widget's static figure.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { watchPage, widgetReady } from './helpers';
import { allPages, pagesOf, widgetInstances } from './registry';

const instances = await widgetInstances();
/** Every built page: lessons, the home page, the code pages, the zoo page. */
const PAGES = allPages();
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];
/** The axe rules whose outcome depends on the theme's colours. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
/**
 * Code pages share one template and one highlighting palette: axe walks the token spans of the first one
 * only; on the others it skips the highlighted blocks (tens of thousands of spans, minutes each under
 * axe's colour checks), whose every colour pair code-palette.spec.ts checks from the built HTML.
 */
const CODE_PAGES = PAGES.filter((p) => p.startsWith('/code/'));
const skipsTokens = (path: string) => CODE_PAGES.includes(path) && path !== CODE_PAGES[0];

/** Scrolls from top to bottom a screen at a time (rendering off-screen parts, starting every island), then waits for every widget. */
async function visitWholePage(page: Page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 700) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  for (const { id } of instances.filter((i) => i.page === new URL(page.url()).pathname)) await widgetReady(page, id);
}

for (const path of PAGES) {
  test(`${path} loads with no console error and no request to another host`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL!);
    await page.goto(path);
    await visitWholePage(page);
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
  });

  test(`${path} has no axe violations (WCAG 2.2 AA and best practice), in light and dark`, async ({ page }) => {
    // axe walks every node of a long lesson (KaTeX alone is thousands of spans): give it room.
    test.setTimeout(300_000);
    await page.goto(path);
    await visitWholePage(page);
    // Off-screen prose skips rendering (content-visibility: auto), and axe would then force layout node
    // by node (measured: a third slower). Rendering it all at once changes no semantics axe checks.
    await page.addStyleTag({ content: '.lesson-body > * { content-visibility: visible !important; }' });
    // Every rule in the light theme; in the dark one, only the rules that depend on colour (the rest
    // see the same DOM), which halves the time of the slowest test here.
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      const axe = new AxeBuilder({ page });
      if (skipsTokens(path)) axe.exclude('pre.astro-code');
      const results = await (theme === 'light' ? axe.withTags(AXE_TAGS) : axe.withRules(COLOUR_RULES)).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary, `${theme} theme`).toEqual([]);
    }
  });
}

for (const path of pagesOf(instances)) {
  test(`${path} without JavaScript: every widget shows its static figure and no inert controls`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(path);
    const widgets = page.locator('[data-widget]');
    await expect(widgets).toHaveCount(instances.filter((i) => i.page === path).length);
    for (const widget of await widgets.all()) {
      await expect(widget).toHaveAttribute('data-status', 'loading');
      const figure = widget.locator('.widget-static');
      await expect(figure).toBeVisible();
      expect(await figure.locator('svg, img').count(), (await widget.getAttribute('id')) ?? '').toBeGreaterThan(0);
      await expect(widget.locator('button, input, select')).toHaveCount(0);
    }
    await context.close();
  });
}
