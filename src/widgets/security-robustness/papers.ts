/**
 * The papers' numbers the curve draws beside the live one, each with its source (accuracy = 1 − the
 * error rate a paper reports). Quoted, never computed.
 */
export interface PaperPoint {
  source: string;
  model: string;
  kind: 'fgsm' | 'pgd';
  epsilon: number;
  accuracy: number;
}

export const PAPER_POINTS: readonly PaperPoint[] = [
  { source: 'Goodfellow et al. 2015, §4', model: 'shallow softmax', kind: 'fgsm', epsilon: 0.25, accuracy: 0.001 },
  { source: 'Goodfellow et al. 2015, §4', model: 'maxout network', kind: 'fgsm', epsilon: 0.25, accuracy: 0.106 },
  {
    source: 'Goodfellow et al. 2015, §6',
    model: 'adversarially trained maxout',
    kind: 'fgsm',
    epsilon: 0.25,
    accuracy: 0.821,
  },
  {
    source: 'Madry et al. 2018, Table 1',
    model: 'adversarially trained CNN',
    kind: 'pgd',
    epsilon: 0.3,
    accuracy: 0.893,
  },
];
