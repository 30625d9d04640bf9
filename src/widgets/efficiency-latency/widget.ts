/** The latency lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'efficiency-latency',
  component: 'LatencyLab',
  title: 'Latency lab',
  caption:
    'Every digit classifier of the zoo, and its quantized and pruned variants, timed in your browser on your backend at several batch sizes (warm-up runs discarded, medians reported); their size, accuracy and time in one chart; and an edge-versus-cloud calculator fed by your measured time, with the network and server figures as your own inputs.',
  defaultId: 'latency',
  params,
  compute: 'model',
  source: [
    'src/ml/efficiency.ts',
    'src/widgets/efficiency-latency/lab.ts',
    'src/widgets/efficiency-latency/compute.ts',
  ],
  metrics: {
    timed: { label: 'model variants timed so far' },
    deviceMs: { label: 'median time of one digit of the calculator’s model', unit: 'ms' },
    cloudMs: { label: 'cloud time per request from the inputs', unit: 'ms' },
    costPer1000: { label: 'cloud cost per 1,000 requests from the inputs' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  roundTrip: { repeats: 5, rtt: 120 },
});
