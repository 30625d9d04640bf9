/**
 * The digit widget's figure without JavaScript, from real data: the forward strip of the starting digit,
 * computed here from the committed subset (public/data/), and the sample grid of the default request
 * recorded by the seeded training script (static-samples.json). Build time only (reads files).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { html } from '../../lib/html';
import { DATA_DIR, heldoutLabels, HELDOUT_FILE, imageToModel, readDigitSet, toInkBytes } from './digits-data';
import { describeNoised, forwardNoise, forwardView, formatAlphaBar, formatSnr, T } from './forward';
import type { DigitDiffusionParams } from './params';
import { inkToPngDataUrl } from './png';
import recorded from './static-samples.json';
import type { StaticSamples } from './static-samples';
import { describeRequest } from './summary';
import { WEIGHTS_DIR, WEIGHTS_MANIFEST, type DigitDenoiserManifest } from './weights-io';

const image = (src: string, alt: string, size: number) =>
  html`<img class="digit-image" src="${src}" alt="${alt}" width="${size}" height="${size}" />`;

export function staticFigure(start: DigitDiffusionParams): string {
  // Build time runs from the project root.
  const publicDir = join(process.cwd(), 'public');
  const heldout = readDigitSet(new Uint8Array(readFileSync(join(publicDir, DATA_DIR, HELDOUT_FILE))), heldoutLabels());
  const manifest = JSON.parse(
    readFileSync(join(publicDir, WEIGHTS_DIR, WEIGHTS_MANIFEST), 'utf8'),
  ) as DigitDenoiserManifest;
  const label = start.image % 10;
  const view = forwardView(
    start.schedule,
    start.t,
    imageToModel(heldout, start.image),
    forwardNoise(start.seed, start.image),
  );
  const png = (pixels: ArrayLike<number>) => inkToPngDataUrl(toInkBytes(pixels));
  const samples = recorded as StaticSamples;
  const { n, digit, seed } = samples.request;
  const agree = samples.nearest.filter((l) => l === digit).length;
  return html`<p>
      Real digit ${start.image} (a ${label}) at t = ${start.t} on the ${start.schedule} schedule: ᾱ_t =
      ${formatAlphaBar(view.chosen.alphaBar)}, SNR = ${formatSnr(view.chosen.snr)}, correlation with the clean digit
      ${view.chosen.correlation.toFixed(2)}.
    </p>
    <div class="digit-pair">
      ${image(png(view.strip[0].pixels), describeNoised(view.strip[0], label, start.schedule), 112)}
      ${image(png(view.chosen.pixels), describeNoised(view.chosen, label, start.schedule), 112)}
    </div>
    <ol class="digit-strip" aria-label="The same ${label} at ${view.strip.length} noise levels">
      ${view.strip.map(
        (s) =>
          html`<li>
            ${image(png(s.pixels), describeNoised(s, label, start.schedule), 48)}
            <span>t = ${s.t}</span><span>ᾱ ${formatAlphaBar(s.alphaBar)}</span>
          </li>`,
      )}
    </ol>
    <p>
      ${n} samples of ${describeRequest(samples.request, T)}, seed ${seed}, from the committed
      ${manifest.numParameters.toLocaleString('en')}-parameter denoiser: ${agree} of ${n} look most like a ${digit}
      (nearest of 500 held-out real digits).
    </p>
    <ul class="digit-row" aria-label="${n} samples of ${digit}: ${agree} of ${n} look most like a ${digit}">
      ${samples.samples.map(
        (b64, i) =>
          html`<li>
            ${image(
              inkToPngDataUrl(Buffer.from(b64, 'base64')),
              `Sample ${i + 1}, asked for a ${digit}: nearest real digit is a ${samples.nearest[i]}`,
              56,
            )}
          </li>`,
      )}
    </ul>`.value;
}
