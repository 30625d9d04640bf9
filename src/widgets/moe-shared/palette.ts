/**
 * One colour per expert, the same in every MoE widget, so expert 3 is the same colour on the router
 * lab's map, its load bars and the routing-tokens tables. Okabe & Ito's seven colours first (distinct
 * under the common colour-vision deficiencies; up to seven experts stay safe), then Paul Tol's "muted"
 * scheme for experts 8 to 16. Colour is never the only cue: charts also print each expert's number.
 */
export const EXPERT_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#332288',
  '#88CCEE',
  '#44AA99',
  '#117733',
  '#999933',
  '#DDCC77',
  '#CC6677',
  '#882255',
  '#AA4499',
] as const;

/** Experts are numbered from 1 for the reader (the code counts from 0). */
export const expertName = (index: number) => `expert ${index + 1}`;
export const expertLabel = (index: number) => `E${index + 1}`;

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(color: string): number {
  const n = parseInt(color.slice(1), 16);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

/** Near-black or white, whichever contrasts more with the colour (WCAG contrast ratio). */
export function textOn(color: string): string {
  const L = luminance(color);
  return (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? '#000000' : '#ffffff';
}
