/** The model zoo explorer's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'zoo-explorer',
  component: 'ZooExplorer',
  title: 'Model zoo explorer',
  caption:
    'The site’s four digit classifiers at work in your browser: score one on the 2,000 test digits, see what it answers for a test digit or one you draw (after MNIST’s preprocessing), or train its architecture from scratch on the 7,000 training digits.',
  defaultId: 'zoo',
  params,
  compute: 'model',
  source: [
    'src/ml/zoo/models.ts',
    'src/ml/zoo/conv.ts',
    'src/ml/zoo/training.ts',
    'src/ml/zoo/evaluation.ts',
    'src/ml/zoo/recipes.ts',
    'src/math/digits.ts',
    'src/math/calibration.ts',
  ],
  metrics: {
    evaluated: { label: 'model of the last test-split evaluation' },
    accuracy: { label: 'test accuracy of the last evaluation', unit: 'share' },
    correct: { label: 'test digits right in the last evaluation' },
    manifestAccuracy: { label: 'test accuracy the manifest records for that model', unit: 'share' },
    evaluationMs: { label: 'compute time of the last evaluation', unit: 'ms' },
    evaluationWallMs: { label: 'time from Evaluate to the result, downloads included', unit: 'ms' },
    prediction: { label: 'class the model gives the input digit' },
    trainStep: { label: 'training steps done' },
    stepsPerSecond: { label: 'training steps per second', unit: 'steps/s' },
    validationAccuracy: { label: 'held-out accuracy of the model in training', unit: 'share' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  // A drawing the codec reads whole (a vertical stroke down the middle), so the round trip shows no notice.
  roundTrip: { drawing: 'gIgQgYghgpgx' },
});
