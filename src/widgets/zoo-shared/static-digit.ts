/**
 * A digit as a static figure shows it without JavaScript: a 28 × 28 PNG data URL (ink 1 is black,
 * paper 0 white, values clipped to [0, 1]) in an <img> drawn at 4× with square pixels. Build time only.
 */
import { html } from '../../lib/html';
import { pngDataUrl } from '../../lib/png';
import { DIGIT_SIDE } from '../../math/zoo';

export function digitPng(ink: ArrayLike<number>): string {
  return pngDataUrl(
    Uint8Array.from(
      { length: DIGIT_SIDE * DIGIT_SIDE },
      (_, i) => 255 - Math.round(255 * Math.min(1, Math.max(0, ink[i]))),
    ),
    DIGIT_SIDE,
    DIGIT_SIDE,
    1,
  );
}

export function digitImage(src: string, alt: string) {
  return html`<img
    class="digit-image"
    src="${src}"
    alt="${alt}"
    width="112"
    height="112"
    style="image-rendering: pixelated"
  />`;
}
