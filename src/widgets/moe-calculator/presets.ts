/**
 * Published configurations, as the calculator's settings, each with the sizes its authors state (shown
 * labelled as theirs beside the calculator's count). Every field comes from the model's config.json.
 */
import type { ReferenceId } from '../../data/references';
import type { CalculatorParams } from './params';

export interface Preset {
  name: string;
  values: CalculatorParams;
  /** What the authors state, in billions, and where. */
  published: { total: number; active: number; source: string; cite: ReferenceId };
}

const MIXTRAL_8X7B: CalculatorParams = {
  dModel: 4096,
  layers: 32,
  heads: 32,
  kvHeads: 8,
  headDim: 128,
  experts: 8,
  topK: 2,
  sharedExperts: 0,
  dFf: 14336,
  ffn: 'swiglu',
  denseLayers: 0,
  denseFf: 14336,
  vocab: 32000,
  tied: false,
  precision: 'bf16',
  context: 4096,
};

export const PRESETS: Preset[] = [
  {
    name: 'Mixtral 8x7B',
    values: MIXTRAL_8X7B,
    published: {
      total: 47,
      active: 13,
      source: 'Jiang et al. 2024, abstract: “access to 47B parameters, but only uses 13B active”',
      cite: 'jiang2024',
    },
  },
  {
    name: 'Mixtral 8x22B',
    values: { ...MIXTRAL_8X7B, dModel: 6144, layers: 56, heads: 48, dFf: 16384, denseFf: 16384 },
    published: {
      total: 141,
      active: 39,
      source: 'Mistral AI 2024 (“39B active parameters out of 141B”)',
      cite: 'mixtral8x22b',
    },
  },
  {
    name: 'DeepSeekMoE 16B',
    values: {
      ...MIXTRAL_8X7B,
      dModel: 2048,
      layers: 28,
      heads: 16,
      kvHeads: 16,
      experts: 64,
      topK: 6,
      sharedExperts: 2,
      dFf: 1408,
      denseLayers: 1,
      denseFf: 10944,
      vocab: 102400,
    },
    published: {
      total: 16.4,
      active: 2.8,
      source: 'Dai et al. 2024, §5: 16.4B total, 2.8B activated',
      cite: 'dai2024',
    },
  },
];

/** The preset the settings are exactly equal to, if any. */
export function matchingPreset(v: CalculatorParams): Preset | null {
  return (
    PRESETS.find((p) => (Object.keys(p.values) as (keyof CalculatorParams)[]).every((k) => p.values[k] === v[k])) ??
    null
  );
}
