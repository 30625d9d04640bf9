/** The calibration lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'evaluation-calibration',
  component: 'CalibrationLab',
  title: 'Calibration lab',
  caption:
    'A zoo model (or the zoo’s MLP trained here for the epochs you choose) scores the 1,000 validation and 2,000 test digits in your browser. The reliability diagram bins the test digits by confidence (equal width or equal mass) with a 95% bootstrap band per bin; a temperature fitted on the validation digits only is then applied to the test digits, before and after side by side.',
  defaultId: 'cal',
  params,
  compute: 'model',
  // The contract's URL round trip trains here: two epochs keep it to a second or two on wasm.
  roundTrip: { source: 'trained', epochs: 2 },
  source: [
    'src/math/evaluation-calibration.ts',
    'src/math/calibration.ts',
    'src/widgets/evaluation-calibration/studies.ts',
    'src/widgets/evaluation-calibration/report.ts',
    'src/widgets/evaluation-calibration/trained.ts',
    'src/ml/zoo/evaluation.ts',
    'src/widgets/zoo-shared/trainer.ts',
    'scripts/evaluation-calibration.ts',
    'scripts/evaluation-calibration-trained.ts',
  ],
  metrics: {
    model: { label: 'model whose test split is shown' },
    source: { label: 'a shipped zoo model (zoo) or one trained here (trained)' },
    epochs: { label: 'epochs the model on show was trained here (none for a shipped one)' },
    trainMs: { label: 'worker time spent training the model on show', unit: 'ms' },
    meanConfidenceBefore: { label: 'mean test confidence at T = 1', unit: 'share' },
    temperature: { label: 'temperature fitted on the validation split' },
    accuracy: { label: 'test accuracy of the diagram shown', unit: 'share' },
    accuracyBefore: { label: 'test accuracy at T = 1', unit: 'share' },
    accuracyAfter: { label: 'test accuracy at the fitted T', unit: 'share' },
    eceBefore: { label: 'test ECE at T = 1 (chosen bins)', unit: 'share' },
    eceAfter: { label: 'test ECE at the fitted T (chosen bins)', unit: 'share' },
    nllBefore: { label: 'test NLL at T = 1', unit: 'nats' },
    nllAfter: { label: 'test NLL at the fitted T', unit: 'nats' },
    brierBefore: { label: 'test Brier score at T = 1' },
    brierAfter: { label: 'test Brier score at the fitted T' },
    emptyBins: { label: 'bins with no test digit' },
    computeMs: { label: 'worker time to compute the study (fit, reports, bootstrap)', unit: 'ms' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
});
