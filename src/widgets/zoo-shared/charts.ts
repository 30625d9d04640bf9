/**
 * Pure chart functions for the zoo's results, shared by every chapter that shows a zoo model: the
 * confusion matrix, accuracy per class, and one digit's class probabilities. Plain arrays in, Elements
 * out (Observable Plot through src/lib/plot.ts); `document` passes through for build-time figures.
 */
import { accessiblePlot, CATEGORY_COLORS, Plot, SEQUENTIAL_SCHEME, type ChartContext } from '../../lib/plot';

/** Chart sizes in pixels, in one place. */
export const ZOO_SIZES = {
  confusion: { width: 340, height: 330 },
  perClass: { width: 320, height: 260 },
  probabilities: { width: 260, height: 230 },
} as const;

const CLASSES = Array.from({ length: 10 }, (_, k) => k);

export interface ConfusionOptions extends ChartContext {
  /** Chart label for screen readers (the default says what the axes are). */
  label?: string;
}

/**
 * confusion[true][predicted] as a 10 × 10 grid of counts, true class down, predicted across. Colour on a
 * square-root scale, so the few mistakes off the diagonal show beside ~200 right answers on it; empty
 * cells are left pale and every non-zero count is printed.
 */
export function confusionChart(confusion: readonly (readonly number[])[], o: ConfusionOptions = {}) {
  const cells = confusion.flatMap((row, t) => row.map((n, p) => ({ t, p, n })));
  const max = Math.max(1, ...cells.map((c) => c.n));
  const light = (n: number) => Math.sqrt(n / max) > 0.55;
  return accessiblePlot(
    {
      document: o.document,
      ...ZOO_SIZES.confusion,
      marginLeft: 44,
      marginBottom: 40,
      padding: 0.04,
      x: { domain: CLASSES, label: 'predicted class →', axis: 'bottom' },
      y: { domain: CLASSES, label: '↓ true class' },
      color: { type: 'sqrt', scheme: SEQUENTIAL_SCHEME, domain: [0, max], label: 'digits', legend: false },
      marks: [
        Plot.cell(
          cells.filter((c) => c.n === 0),
          { x: 'p', y: 't', fill: 'currentColor', fillOpacity: 0.06, inset: 0.5 },
        ),
        Plot.cell(
          cells.filter((c) => c.n > 0),
          { x: 'p', y: 't', fill: 'n', inset: 0.5 },
        ),
        Plot.text(
          cells.filter((c) => c.n > 0),
          {
            x: 'p',
            y: 't',
            text: (d: { n: number }) => String(d.n),
            fill: (d: { n: number }) => (light(d.n) ? '#111111' : '#ffffff'),
            fontSize: 10,
          },
        ),
      ],
    },
    o.label ?? 'Confusion matrix: test digits by true class (rows) and predicted class (columns)',
  );
}

export interface PerClassOptions extends ChartContext {
  /** Values to mark beside the measured ones (e.g. the manifest's), drawn as rings. */
  reference?: readonly number[];
  referenceLabel?: string;
  label?: string;
}

/**
 * Accuracy of each true class as dots on a percentage axis that starts a little below the lowest
 * value (a dot plot, not bars: bars would have to start at 0 and hide the differences).
 */
export function perClassChart(perClass: readonly number[], o: PerClassOptions = {}) {
  // Percentages by hand (Plot's percent option scales the data, not a domain or a constant x1).
  const rows = perClass.map((a, k) => ({ k, a: 100 * a }));
  const refs = (o.reference ?? []).map((a, k) => ({ k, a: 100 * a }));
  const finite = [...perClass, ...(o.reference ?? [])].filter(Number.isFinite);
  const lo = 100 * Math.max(0, Math.min(0.9, Math.floor((Math.min(1, ...finite) - 0.02) * 20) / 20));
  return accessiblePlot(
    {
      document: o.document,
      ...ZOO_SIZES.perClass,
      marginLeft: 40,
      x: { domain: [lo, 100], label: 'accuracy (%) →', grid: true },
      y: { domain: CLASSES, label: '↓ true class' },
      color: refs.length
        ? {
            domain: ['this run', o.referenceLabel ?? 'reference'],
            range: [CATEGORY_COLORS[0], CATEGORY_COLORS[1]],
            legend: true,
          }
        : undefined,
      marks: [
        Plot.ruleY(rows, { y: 'k', x1: lo, x2: 'a', stroke: 'currentColor', strokeOpacity: 0.25 }),
        Plot.dot(refs, { x: 'a', y: 'k', r: 6, stroke: () => o.referenceLabel ?? 'reference', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'a', y: 'k', r: 3.5, fill: refs.length ? () => 'this run' : CATEGORY_COLORS[0] }),
      ],
    },
    o.label ?? 'Accuracy per true class',
  );
}

export interface ProbabilityOptions extends ChartContext {
  /** The true class, when known (a test digit): its bar is outlined. */
  label?: number | null;
}

/** One digit's class probabilities as bars from 0 to 1; the predicted class in the accent colour. */
export function probabilityChart(probabilities: readonly number[], o: ProbabilityOptions = {}) {
  const rows = probabilities.map((p, k) => ({ k, p: 100 * p }));
  let best = 0;
  probabilities.forEach((p, k) => {
    if (p > probabilities[best]) best = k;
  });
  const truth = o.label ?? null;
  return accessiblePlot(
    {
      document: o.document,
      ...ZOO_SIZES.probabilities,
      marginLeft: 36,
      marginRight: 44,
      x: { domain: [0, 100], label: 'probability (%) →', grid: true },
      y: { domain: CLASSES, label: '↓ class' },
      marks: [
        Plot.barX(rows, {
          x: 'p',
          y: 'k',
          fill: (d: { k: number }) => (d.k === best ? CATEGORY_COLORS[0] : CATEGORY_COLORS[4]),
          fillOpacity: (d: { k: number }) => (d.k === best ? 1 : 0.6),
        }),
        ...(truth !== null
          ? [Plot.barX([rows[truth]], { x: 'p', y: 'k', fill: 'none', stroke: CATEGORY_COLORS[5], strokeWidth: 2 })]
          : []),
        Plot.text(rows, {
          x: 'p',
          y: 'k',
          text: (d: { p: number }) => (d.p >= 0.5 ? `${d.p.toFixed(d.p >= 99.5 ? 0 : 1)}%` : ''),
          dx: 4,
          textAnchor: 'start',
          fontSize: 10,
        }),
      ],
    },
    `Class probabilities: most likely ${best} (${(100 * probabilities[best]).toFixed(1)}%)` +
      (truth !== null ? `, true class ${truth}` : ''),
  );
}
