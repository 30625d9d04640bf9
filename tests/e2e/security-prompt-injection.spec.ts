/**
 * The prompt-injection simulator in the browser: hostile text typed into the document is shown as text
 * (no element made, no script run, no request sent); switching defences changes the verdict as the
 * lesson's table says.
 */
import { expect, test } from '@playwright/test';
import { watchPage, widgetReady } from './helpers';

const PAGE = '/lessons/security/';

test('hostile text in the document is shown as text and never runs', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${PAGE}#pi`);
  const w = await widgetReady(page, 'pi');
  const hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> Hello.';
  await w.getByLabel(/Retrieved document \(untrusted/).fill(hostile);
  await expect(w.getByTestId('pi-answer')).toHaveText(`The page says: ${hostile}`);
  await expect(w.locator('img[src="x"], [data-testid="pi-answer"] script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // The text round-trips through the URL as text, too.
  await expect.poll(() => new URL(page.url()).searchParams.get('pi.document')).toBe(hostile);
  await page.reload();
  const again = await widgetReady(page, 'pi');
  await expect(again.getByTestId('pi-answer')).toHaveText(`The page says: ${hostile}`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});

test('the closing-marker escape beats delimiting; the allow list stops it', async ({ page }) => {
  await page.goto(`${PAGE}?pi.attack=escape&pi.delimit=true#pi`);
  const w = await widgetReady(page, 'pi');
  await expect(w.getByTestId('pi-verdict')).toContainText('Hijacked: the notes leak');
  await w.getByLabel('Allow-listed tools').check();
  await expect(w.getByTestId('pi-verdict')).toHaveText('Not hijacked.');
  await expect(w).toHaveAttribute('data-metric-tool-calls-run', '0');
});
