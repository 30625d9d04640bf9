/**
 * The quantization lab in the browser (wasm): the softmax regression quantized live scores exactly what
 * the seeded script recorded for the same scheme, at the bytes it recorded, and a new bit width runs a
 * new sweep; the float and the quantized model are both timed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { QuantTable } from '../../src/math/quantization-table';
import { watchPage, widgetReady } from './helpers';

const table = JSON.parse(
  readFileSync(join(process.cwd(), 'public/data/efficiency/quantization.json'), 'utf8'),
) as QuantTable;
const row = (bits: number) =>
  table.rows.find(
    (r) =>
      r.model === 'softmax' &&
      r.bits === bits &&
      r.mode === 'affine' &&
      r.granularity === 'channel' &&
      r.clipping === 'minmax',
  )!;

test('quantization lab: live accuracy and bytes match the recorded table, per bit width', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  await page.goto('/lessons/efficiency/?quant.model=softmax&quant.mode=affine&quant.granularity=channel#quant');
  const w = await widgetReady(page, 'quant');
  await expect(w).toHaveAttribute('data-metric-sweep-rows', '5', { timeout: 60_000 });
  expect(Number(await w.getAttribute('data-metric-accuracy'))).toBe(row(4).accuracy);
  expect(Number(await w.getAttribute('data-metric-bytes'))).toBe(row(4).bytes);
  expect(Number(await w.getAttribute('data-metric-float-ms'))).toBeGreaterThan(0);
  await expect(w.getByTestId('quant-facts')).toContainText('smaller than float32');
  await w.getByLabel('Bits per weight', { exact: true }).fill('2');
  await expect(w).toHaveAttribute('data-metric-bits', '2', { timeout: 60_000 });
  await expect(w).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  expect(Number(await w.getAttribute('data-metric-accuracy'))).toBe(row(2).accuracy);
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
});
