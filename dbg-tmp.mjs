import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.addInitScript(() => {
  const t0 = performance.now();
  const orig = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (m, ...rest) {
    if (this.__n !== 1) { this.__n = 1; this.addEventListener('message', (e) => { const d = e.data; if (d && d.type !== 'training' && d.type !== 'frames') console.log('IN ', Math.round(performance.now() - t0), JSON.stringify(d).slice(0, 120)); }); }
    console.log('OUT', Math.round(performance.now() - t0), JSON.stringify(m).slice(0, 120));
    return orig.call(this, m, ...rest);
  };
});
page.on('console', (m) => { if (/^(IN|OUT)/.test(m.text())) console.log(m.text()); });
await page.goto('http://localhost:4390/lessons/diffusion/?backend=wasm&lab.trainSteps=500');
const root = page.locator('[data-widget="denoiser-lab"]');
await root.locator('.widget-title').scrollIntoViewIfNeeded();
await page.waitForFunction(() => document.querySelector('[data-widget="denoiser-lab"]')?.dataset.status === 'ready', null, { timeout: 120000 });
console.log('--- click');
await root.getByRole('button', { name: 'Train from scratch' }).click();
await page.waitForTimeout(4000);
console.log(await root.evaluate((r) => [r.dataset.status, r.querySelector('.denoiser-lab').dataset.source]));
await browser.close();
