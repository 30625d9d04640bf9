/** The pruning lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'efficiency-pruning',
  component: 'PruningLab',
  title: 'Pruning lab',
  caption:
    'A shipped digit classifier pruned by weight magnitude in your browser, with or without a short fine-tune that keeps the pruned weights at zero: its accuracy on the 2,000 test digits against sparsity, and its bytes stored dense and sparse; or the lottery-ticket experiment, rewinding against re-initialising, on a small MLP trained here.',
  defaultId: 'prune',
  params,
  compute: 'model',
  source: ['src/math/pruning.ts', 'src/ml/efficiency-pruning.ts', 'src/widgets/efficiency-pruning/lab.ts'],
  metrics: {
    experiment: { label: 'the experiment on show (prune or ticket)' },
    sparsity: { label: 'share of the prunable weights removed', unit: 'share' },
    accuracy: { label: 'test accuracy right after pruning', unit: 'share' },
    fineTunedAccuracy: { label: 'test accuracy after the fine-tune', unit: 'share' },
    floatAccuracy: { label: 'test accuracy of the unpruned model', unit: 'share' },
    denseBytes: { label: 'bytes stored dense (float32)', unit: 'B' },
    sparseBytes: { label: 'bytes stored sparse (CSR)', unit: 'B' },
    multiplyAdds: { label: 'multiply-adds per digit of the pruned model' },
    sweepRows: { label: 'sparsities scored in the sweep' },
    ticketRounds: { label: 'lottery-ticket rows measured (dense included)' },
    ticketRewound: { label: 'test accuracy of the rewound ticket at the last round', unit: 'share' },
    ticketRandom: { label: 'test accuracy of the re-initialised control at the last round', unit: 'share' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  roundTrip: { sparsity: 0.5, scope: 'layer' },
});
