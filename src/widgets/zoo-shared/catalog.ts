/**
 * The zoo's facts a page shows without asking the worker: each model's recorded scores, size and
 * training, and the data files' sizes, cut from the two committed manifests into plain, serialisable
 * data (small enough to pass to an island as a prop). Pure: catalog-files.ts reads the manifests at
 * build time; the model cards page and the widgets' static figures and views use the result.
 */
import type { DigitSplitManifest, SplitName } from '../../math/digit-split';
import type { PgdSettings, ZooArchitecture, ZooManifest, ZooModelName } from '../../math/zoo';

export interface ZooModelFacts {
  name: ZooModelName;
  title: string;
  description: string;
  architecture: ZooArchitecture;
  parameters: number;
  bytes: number;
  test: { count: number; correct: number; accuracy: number; perClass: number[] };
  validation: { count: number; accuracy: number; nll: number; ece: number };
  pgd: { settings: PgdSettings; count: number; correct: number; accuracy: number } | null;
  /** The recipe as the manifest records it (epochs, steps, optimiser, loss, session options). */
  training: Record<string, unknown>;
  trainSeconds: number;
  trainCpuSeconds: number;
}

export interface ZooSplitFacts {
  file: string;
  count: number;
  perClass: number[];
  /** Stored (gzip) and decompressed sizes. */
  bytes: number;
  rawBytes: number;
}

export interface ZooCatalog {
  models: ZooModelFacts[];
  splits: Record<SplitName, ZooSplitFacts>;
  seed: number;
  source: DigitSplitManifest['source'];
  pgdEvaluation: PgdSettings;
  eceBins: number;
  backend: string;
}

export function catalogFromManifests(zoo: ZooManifest, data: DigitSplitManifest): ZooCatalog {
  const split = (name: SplitName): ZooSplitFacts => {
    const s = data.splits[name];
    return { file: s.file, count: s.count, perClass: s.perClass, bytes: s.bytes, rawBytes: s.rawBytes };
  };
  return {
    models: zoo.models.map((m) => ({
      name: m.name,
      title: m.title,
      description: m.description,
      architecture: m.architecture,
      parameters: m.parameters,
      bytes: m.bytes,
      test: m.test,
      validation: m.validation,
      pgd: m.pgd
        ? { settings: m.pgd.settings, count: m.pgd.count, correct: m.pgd.correct, accuracy: m.pgd.accuracy }
        : null,
      training: m.training,
      trainSeconds: m.trainSeconds,
      trainCpuSeconds: m.trainCpuSeconds,
    })),
    splits: { train: split('train'), validation: split('validation'), test: split('test') },
    seed: data.seed,
    source: data.source,
    pgdEvaluation: zoo.pgdEvaluation,
    eceBins: zoo.ece.bins,
    backend: zoo.backend,
  };
}

export function modelFacts(catalog: ZooCatalog, name: ZooModelName): ZooModelFacts {
  const m = catalog.models.find((e) => e.name === name);
  if (!m) throw new Error(`the zoo has no model called "${name}"`);
  return m;
}

/** The classes a model gets most wrong on the test split, weakest first. */
export function weakestClasses(m: Pick<ZooModelFacts, 'test'>, n = 3): { digit: number; accuracy: number }[] {
  return m.test.perClass
    .map((accuracy, digit) => ({ digit, accuracy }))
    .sort((a, b) => a.accuracy - b.accuracy || a.digit - b.digit)
    .slice(0, n);
}
