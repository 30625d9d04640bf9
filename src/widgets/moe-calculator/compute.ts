/** The calculator's numbers: the parameter breakdown, memory and FLOPs of the settings (plain math). */
import { formatBytes } from '../../lib/format';
import { lmCounts, type LmConfig, type LmCounts } from '../../math/moe-counts';
import type { CalculatorParams } from './params';
import { matchingPreset, type Preset } from './presets';

export const BYTES_PER_PARAMETER = { fp32: 4, bf16: 2, int8: 1, int4: 0.5 } as const;

export function lmConfigOf(v: CalculatorParams): LmConfig {
  return {
    dModel: v.dModel,
    layers: v.layers,
    vocab: v.vocab,
    heads: v.heads,
    kvHeads: v.kvHeads,
    headDim: v.headDim,
    experts: v.experts,
    k: v.topK,
    sharedExperts: v.sharedExperts,
    dFf: v.dFf,
    ffn: v.ffn,
    denseLayers: Math.min(v.denseLayers, v.layers),
    denseFf: v.denseFf,
    tiedEmbeddings: v.tied,
    bytesPerParameter: BYTES_PER_PARAMETER[v.precision],
    context: v.context,
  };
}

export interface CalculatorResult {
  counts: LmCounts;
  preset: Preset | null;
  /** Settings that cannot be (k > N); the counts are then for k clamped to N. */
  problem: string | null;
  summary: string;
}

/** Bytes in SI units up to terabytes: 93406 MB reads better as "93.4 GB". */
export function formatWeightBytes(bytes: number): string {
  if (bytes >= 1e12) return `${(bytes / 1e12).toFixed(2)} TB`;
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return formatBytes(bytes);
}

/** 46702792704 → "46.70B"; below a billion, millions. */
export function billions(n: number, digits = 2): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(digits)}B` : `${(n / 1e6).toFixed(digits)}M`;
}

export function computeCalculator(v: CalculatorParams): CalculatorResult {
  const problem =
    v.topK > v.experts
      ? `${v.topK} experts per token need at least ${v.topK} routed experts; counting with k = ${v.experts}.`
      : v.kvHeads > v.heads
        ? `More key/value heads (${v.kvHeads}) than query heads (${v.heads}) is not grouped-query attention; counted as given.`
        : null;
  const config = lmConfigOf({ ...v, topK: Math.min(v.topK, v.experts) });
  const counts = lmCounts(config);
  const preset = matchingPreset(v);
  const summary =
    `${preset ? `${preset.name}: ` : ''}${billions(counts.total)} parameters in total (${counts.total.toLocaleString('en')}), ` +
    `${billions(counts.active)} active per token (${counts.active.toLocaleString('en')}); ` +
    `${formatWeightBytes(counts.weightBytes)} to hold the weights; ` +
    `${(counts.forwardFlopsPerToken / 1e9).toFixed(1)} GFLOPs per token forward, against ` +
    `${(counts.denseEquivalentFlopsPerToken / 1e9).toFixed(1)} for a dense model of the same total size.`;
  return { counts, preset, problem, summary };
}
