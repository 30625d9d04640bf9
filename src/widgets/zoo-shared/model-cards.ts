/**
 * What the model zoo page (src/pages/models/) writes on each model's card, in the spirit of model cards
 * (Mitchell et al. 2019), derived from the catalog (the committed manifests) so every number on a card
 * is one the training script measured: the recipe in words, the robustness line, and the known
 * weaknesses, each a measured comparison. Pure; tests/unit/zoo-input.test.ts pins the sentences.
 */
import { formatCount, formatPercent as pct } from '../../lib/format';
import { describeArchitecture, type ZooModelName } from '../../math/zoo';
import { weakestClasses, type ZooCatalog, type ZooModelFacts } from './catalog';

/** The chapters that are to use the zoo, by what they do with it (none is written yet). */
export const PLANNED_CHAPTERS = [
  { topic: 'Security', use: 'adversarial examples, backdoors and their defences against the same classifiers' },
  { topic: 'Evaluation', use: 'calibration, distribution shift and label noise measured on these models' },
  { topic: 'Efficiency', use: 'quantizing, pruning and distilling these models and measuring what is lost' },
] as const;

interface RecipeRecord {
  epochs?: number;
  steps?: number;
  optimizer?: string;
  loss?: string;
  backend?: string;
  session?: {
    learningRate?: number;
    batchSize?: number;
    maxShift?: number;
    seed?: number;
    schedule?: { totalSteps: number; finalFraction: number };
    adversarial?: { epsilon: number; steps: number; stepSize: number; rampSteps: number };
  };
}

/** The training recipe as sentences (from the manifest's record of the run). */
export function recipeLines(m: ZooModelFacts): string[] {
  const t = m.training as RecipeRecord;
  const s = t.session ?? {};
  const lines = [
    `${t.optimizer ?? 'Adam'}: initial learning rate ${s.learningRate}, decayed to ${s.schedule ? s.schedule.finalFraction * 100 : 100}% of it over ${formatCount(t.steps ?? 0)} steps (${t.epochs} epochs of batches of ${s.batchSize}); seed ${s.seed}.`,
    `Loss: ${t.loss ?? 'cross-entropy'}.`,
    s.maxShift
      ? `Augmentation: every training digit moved by a random whole-pixel shift of up to ${s.maxShift} px in x and y.`
      : 'No augmentation.',
  ];
  if (s.adversarial) {
    const a = s.adversarial;
    lines.push(
      `Adversarial training (Madry et al. 2018): each batch replaced by its L∞ PGD adversaries, ε = ${a.epsilon}, ${a.steps} steps of ${a.stepSize}, random start; ε ramped up over the first ${formatCount(a.rampSteps)} steps.`,
    );
  }
  lines.push(
    `Trained in ${m.trainSeconds.toFixed(1)} s of wall time (${m.trainCpuSeconds.toFixed(1)} s of CPU) on ${t.backend ?? 'tfjs wasm'}.`,
  );
  return lines;
}

/** The robustness line: the reported PGD evaluation, or that it was not run. */
export function robustnessLine(m: ZooModelFacts): string {
  if (!m.pgd) return 'Not measured: the training script runs the PGD evaluation on the two CNNs only.';
  const s = m.pgd.settings;
  return (
    `${pct(m.pgd.accuracy, 2)} of the ${formatCount(m.pgd.count)} test digits (${formatCount(m.pgd.correct)}) still classified right under ` +
    `an L∞ PGD attack: ε = ${s.epsilon} on [0, 1] pixels, ${s.steps} steps of ${s.stepSize}, ` +
    `${s.randomStart ? 'from a random start in the ε-ball' : 'from the clean digit'}, against ${pct(m.test.accuracy, 2)} on the clean digits.`
  );
}

const other = (catalog: ZooCatalog, name: ZooModelName) => catalog.models.find((e) => e.name === name);

/** Known weaknesses, each a measured number (test split, validation calibration, PGD, cost). */
export function weaknesses(m: ZooModelFacts, catalog: ZooCatalog): string[] {
  const out: string[] = [];
  const weak = weakestClasses(m, 3);
  out.push(
    `Weakest classes on the test digits: ${weak.map((w) => `${w.digit} (${pct(w.accuracy, 1)})`).join(', ')}; the ` +
      `best is ${pct(Math.max(...m.test.perClass), 1)}.`,
  );
  const best = [...catalog.models].sort((a, b) => b.test.accuracy - a.test.accuracy)[0];
  if (best.name !== m.name) {
    const errors = m.test.count - m.test.correct;
    const bestErrors = best.test.count - best.test.correct;
    out.push(
      `${formatCount(errors)} test errors, against ${formatCount(bestErrors)} for the ${best.title} (${pct(best.test.accuracy, 2)}).`,
    );
  }
  if (m.pgd && m.pgd.accuracy < 0.5) {
    out.push(
      `Adversarial digits defeat it: under PGD at ε = ${m.pgd.settings.epsilon} it keeps ${pct(m.pgd.accuracy, 1)} (${formatCount(m.pgd.correct)} of ${formatCount(m.pgd.count)}).`,
    );
  } else if (m.pgd) {
    out.push(
      `Even after adversarial training, PGD at ε = ${m.pgd.settings.epsilon} turns ${pct(1 - m.pgd.accuracy, 1)} of the test digits into errors (${formatCount(m.pgd.count - m.pgd.correct)}).`,
    );
  }
  const worstEce = [...catalog.models].sort((a, b) => b.validation.ece - a.validation.ece)[0];
  if (worstEce.name === m.name) {
    out.push(
      `The least calibrated model of the zoo on the validation digits: ECE ${pct(m.validation.ece, 1)}, NLL ${m.validation.nll.toFixed(3)} nats.`,
    );
  }
  if (m.name === 'robust-cnn') {
    const cnn = other(catalog, 'cnn');
    if (cnn) {
      out.push(
        `Robustness costs clean accuracy and time: ${pct(m.test.accuracy, 2)} against the plain CNN’s ${pct(cnn.test.accuracy, 2)} on clean test digits, and ${(m.trainSeconds / cnn.trainSeconds).toFixed(1)}× its training time.`,
      );
    }
  }
  out.push(
    'Trained and tested on one source of digits (the mnist package’s ~10,000, preprocessed the MNIST way): digits written, scanned or drawn differently were not measured.',
  );
  return out;
}

/** The architecture in one line, with the parameter count as the card shows it. */
export function architectureLine(m: ZooModelFacts): string {
  return `${describeArchitecture(m.architecture)}; ${formatCount(m.parameters)} parameters.`;
}
