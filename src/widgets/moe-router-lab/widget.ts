/** The router lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'moe-router-lab',
  component: 'RouterLab',
  title: 'Router lab',
  caption:
    'A mixture-of-experts layer trained in your browser: a learned router sends each point of the square to one or more of N small expert networks, which classify it. The task follows a different rule in each dashed regime. The map shows which expert the router picks for each place; the bars show how the load is spread.',
  defaultId: 'lab',
  params,
  compute: 'model',
  source: [
    'src/ml/moe-router-lab.ts',
    'src/ml/moe.ts',
    'src/ml/moe-ops.ts',
    'src/math/moe.ts',
    'src/math/moe-tasks.ts',
  ],
  metrics: {
    step: { label: 'training steps done' },
    accuracy: { label: 'held-out accuracy', unit: 'share' },
    loadCv: { label: 'coefficient of variation of the expert loads f' },
    dropped: { label: 'share of assignments dropped for lack of capacity', unit: 'share' },
    routerEntropy: { label: 'mean router entropy', unit: 'nats' },
    activeExperts: { label: 'experts with at least half an even share' },
    stepsPerSecond: { label: 'training steps per second', unit: 'steps/s' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
