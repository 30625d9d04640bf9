/**
 * Plain-number computation for the positional encoding viewer: the sinusoidal matrix, the similarity
 * of every pair of positions, and a one-sentence summary. No DOM, no tensors: 128 × 128 is tiny.
 */
import { cosineSimilarityMatrix, dotProductMatrix, sinusoidalEncoding } from '../../math/positional';
import type { PositionalParams } from './params';

export interface PositionalView {
  encoding: number[][];
  similarity: number[][];
  /** The probe clamped to the sequence (a probe past the end is moved to the last position). */
  probe: number;
  /** Similarity of the probe to each position. */
  probeRow: number[];
  summary: string;
}

export function computePositional(p: PositionalParams): PositionalView {
  const encoding = sinusoidalEncoding(p.positions, p.dModel, Number(p.base));
  const similarity = p.similarity === 'cosine' ? cosineSimilarityMatrix(encoding) : dotProductMatrix(encoding);
  const probe = Math.min(p.probe, p.positions - 1);
  const probeRow = similarity[probe];
  return { encoding, similarity, probe, probeRow, summary: summarise(p, probe, probeRow) };
}

function summarise(p: PositionalParams, probe: number, row: number[]): string {
  const self = row[probe];
  const neighbour = probe + 1 < row.length ? probe + 1 : probe - 1;
  const far = probe < row.length / 2 ? row.length - 1 : 0;
  const measure = p.similarity === 'cosine' ? 'cosine similarity' : 'dot product';
  return (
    `${p.positions} positions × ${p.dModel} dimensions: position ${probe} has ${measure} ` +
    `${self.toFixed(2)} with itself, ${row[neighbour].toFixed(2)} with neighbour ${neighbour}, ` +
    `and ${row[far].toFixed(2)} with position ${far}.`
  );
}
