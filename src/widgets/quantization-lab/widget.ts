/** The quantization lab's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'quantization-lab',
  component: 'QuantizationLab',
  title: 'Quantization lab',
  caption:
    'A shipped digit classifier’s weights rounded to a b-bit grid in your browser: the bytes it then takes, its accuracy on the 2,000 test digits, how far the weights moved, and how long it takes to run, all measured here.',
  defaultId: 'quant',
  params,
  compute: 'model',
  source: [
    'src/math/quantization.ts',
    'src/math/quantization-encode.ts',
    'src/math/quantization-summary.ts',
    'src/ml/efficiency.ts',
    'src/widgets/quantization-lab/lab.ts',
  ],
  metrics: {
    bits: { label: 'bits per weight of the result on show' },
    bytes: { label: 'bytes of the encoded quantized model', unit: 'B' },
    floatBytes: { label: 'bytes of the float32 model', unit: 'B' },
    accuracy: { label: 'test accuracy of the quantized model', unit: 'share' },
    floatAccuracy: { label: 'test accuracy of the float32 model', unit: 'share' },
    maxError: { label: 'largest weight error' },
    meanError: { label: 'mean weight error' },
    quantizedMs: { label: 'median latency of the quantized model', unit: 'ms' },
    floatMs: { label: 'median latency of the float32 model', unit: 'ms' },
    sweepRows: { label: 'bit widths scored in the sweep' },
    tensors: { label: 'tensors held by the worker' },
    backend: { label: 'tfjs backend in use' },
  },
  roundTrip: { bits: 3, granularity: 'channel' },
});
