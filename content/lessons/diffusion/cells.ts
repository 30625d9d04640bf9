/**
 * The diffusion lesson's code cells: each program as the lesson starts it (what Reset restores) and its
 * solution (opened by the exercise's link). The lesson, the static recording
 * (scripts/code-cells-static.ts) and the claims test read these same strings.
 */
import { cellState } from '../../../src/widgets/code-cell/links';

export const cells = {
  noiseDigit: `// Noise one of the zoo's digits with the closed form x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε
// and follow the moments of its 784 pixels (scaled to [−1, 1], as DDPM does) as t grows.
const schedule = makeSchedule('linear', 1000);
const x0 = digits.image(digits.indexOf(3)).map((p) => 2 * p - 1);
const rng = mulberry32(1);
const eps = x0.map(() => randNormal(rng)); // one ε, reused at every t
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const variance = (xs: number[]) => mean(xs.map((v) => (v - mean(xs)) ** 2));
const noisy = (t: number) => x0.map((v, i) => Math.sqrt(schedule.alphaBars[t]) * v + Math.sqrt(1 - schedule.alphaBars[t]) * eps[i]);
const rows = [];
for (let t = 0; t <= 1000; t += 50) {
  const xt = noisy(t);
  rows.push({ t, value: mean(xt), moment: 'mean of x_t' });
  rows.push({ t, value: variance(xt), moment: 'variance of x_t' });
}
print('ᾱ at t = 250, 500, 1000:', [250, 500, 1000].map((t) => schedule.alphaBars[t]));
const image = (xs: number[]) => Array.from({ length: 28 }, (_, r) => xs.slice(r * 28, r * 28 + 28));
return {
  plot: [
    { type: 'line', data: rows, x: 't', y: 'value', series: 'moment', title: 'moments of the pixels' },
    { type: 'cell', data: image(noisy(250)), title: 'x_t at t = 250' },
  ],
};
`,
  pointMoments: `// 2,000 points of the two-moons data, noised with the closed form at a few steps: their
// measured variance against the closed form's ᾱ_t Var(x_0) + (1 − ᾱ_t).
const schedule = makeSchedule('cosine', 1000);
const x0 = makeDataset({ name: 'moons' }, 2000, 7).points;
const rng = mulberry32(2);
const v0 = pointStats(x0).variance[0];
const rows = [];
for (const t of [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]) {
  const noise = x0.map(() => [randNormal(rng), randNormal(rng)]);
  const xt = noisePoints(schedule, t, x0, noise);
  const a = schedule.alphaBars[t];
  rows.push({ t, variance: pointStats(xt).variance[0], kind: 'measured' });
  rows.push({ t, variance: a * v0 + (1 - a), kind: 'closed form' });
}
print('Var(x_0) along x:', v0);
return { plot: { type: 'line', data: rows, x: 't', y: 'variance', series: 'kind', title: 'variance of x_t along x' } };
`,
} as const;

/** The binding sets each cell gets (binding-docs.ts). */
export const cellBindings = {
  noiseDigit: ['diffusion', 'digits'],
  pointMoments: ['diffusion'],
} as const satisfies Record<keyof typeof cells, readonly string[]>;

export const solutions = {
  // The cosine schedule keeps ᾱ_t higher for longer: the digit survives to larger t.
  noiseDigit: cells.noiseDigit.replace("makeSchedule('linear', 1000)", "makeSchedule('cosine', 1000)"),
  // The linear schedule's variance reaches 1 much earlier than the cosine one's.
  pointMoments: cells.pointMoments.replace("makeSchedule('cosine', 1000)", "makeSchedule('linear', 1000)"),
} as const;

/** The exercises' links: each solution's code in the cell's URL form. */
export const solutionStates = {
  noiseDigit: cellState('cell-noise-digit', solutions.noiseDigit),
  pointMoments: cellState('cell-moments', solutions.pointMoments),
};
