/**
 * Build-time only (imported by static-figure.ts, never shipped): a 14×14 digit as a tiny greyscale PNG
 * data URL, so the static figure shows real pixels without a canvas. Paper is white: ink is inverted.
 */
import { pngDataUrl } from '../../lib/png';
import { SIDE } from './digits-data';

/** Ink bytes (0 paper … 255 ink) → a data URL of a SIDE × SIDE greyscale PNG, paper white. */
export function inkToPngDataUrl(ink: ArrayLike<number>): string {
  const grey = Uint8Array.from({ length: SIDE * SIDE }, (_, i) => 255 - ink[i]);
  return pngDataUrl(grey, SIDE, SIDE, 1);
}
