/**
 * The widget contract (ARCHITECTURE.md), for every widget on every built page, generated from the
 * registry (tests/e2e/registry.ts): ready with Copy link, Reset and a live summary; the metrics its
 * widget.ts declares, published through the page's widget API; a URL round trip of a state generated
 * from each param's type, then Reset; a garbled URL generated the same way, answered with notices.
 */
import { expect, test, type Page } from '@playwright/test';
import type { LiveWidgetInfo } from '../../src/lib/widget-api';
import { watchPage, widgetReady } from './helpers';
import { garbledValues, roundTripValues, stateQuery, widgetInstances } from './registry';

const instances = await widgetInstances();

const liveInfo = (page: Page, id: string) =>
  page.evaluate((wid) => window.dlnWidgets?.get(wid) ?? null, id) as Promise<LiveWidgetInfo | null>;

test('the registry finds every widget of the lessons', () => {
  expect(instances.length).toBeGreaterThanOrEqual(6);
  expect(new Set(instances.map((i) => `${i.page}#${i.id}`)).size).toBe(instances.length);
});

for (const { page: path, id, definition } of instances) {
  const name = `${path}#${id} (${definition.name})`;

  test(`${name}: ready, with Copy link, Reset, a live summary and its declared metrics`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL!);
    await page.goto(path);
    const widget = await widgetReady(page, id);
    await expect(widget.getByRole('button', { name: 'Copy link' })).toBeVisible();
    await expect(widget.getByRole('button', { name: 'Reset', exact: true })).toBeVisible();
    await expect(widget.locator('[aria-live="polite"]')).not.toBeEmpty();
    const info = (await liveInfo(page, id))!;
    expect(info.name).toBe(definition.name);
    expect(Object.keys(info.state).sort()).toEqual(Object.keys(definition.params).sort());
    expect(Object.keys(info.metrics).sort()).toEqual(Object.keys(definition.metrics).sort());
    if (definition.compute === 'model') await expect(widget.locator('.badge')).toContainText('wasm');
    // Its code page, listed from widget.ts: the link works without JavaScript too (it is in the frame).
    await expect(widget.getByRole('link', { name: 'See the code it runs' })).toHaveAttribute(
      'href',
      `/code/${definition.name}/`,
    );
    expect(watch.errors).toEqual([]);
  });

  test(`${name}: a generated state round-trips through the URL, and Reset restores the start`, async ({ page }) => {
    await page.goto(path);
    await widgetReady(page, id);
    const start = (await liveInfo(page, id))!.state;
    const values = roundTripValues(definition, start);
    const query = stateQuery(definition, id, values);
    await page.goto(`${path}?${query}#${id}`);
    const widget = await widgetReady(page, id);
    const state = (await liveInfo(page, id))!.state;
    for (const [key, value] of Object.entries(values)) expect(state[key], key).toEqual(value);
    await expect(widget.locator('.widget-notice')).toHaveCount(0);
    await widget.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(async () => (await liveInfo(page, id))!.state).toEqual(start);
    expect(new URL(page.url()).search).not.toContain(`${id}.`);
  });

  test(`${name}: a garbled URL gets a notice per value and the widget keeps working`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(path);
    await widgetReady(page, id);
    const start = (await liveInfo(page, id))!.state;
    const { raw, labels } = garbledValues(definition);
    const extra = definition.compute === 'model' ? '&backend=tpu' : '';
    await page.goto(
      `${path}?${new URLSearchParams(Object.entries(raw).map(([k, v]) => [`${id}.${k}`, v]))}${extra}#${id}`,
    );
    const widget = await widgetReady(page, id);
    const notices = widget.locator('.widget-notice');
    for (const label of labels) await expect(notices).toContainText(`${label}: "`);
    if (extra) await expect(notices).toContainText('backend "tpu"');
    const state = (await liveInfo(page, id))!.state;
    for (const key of Object.keys(raw)) expect(state[key], key).toEqual(start[key]);
    expect(errors).toEqual([]);
  });
}
