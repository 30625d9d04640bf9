/** The code cell's registry entry (see src/lib/widget.ts). */
import { encodeCode } from '../../lib/notebook/codec';
import { defineWidget } from '../../lib/widget';
import { params } from './params';

const ROUND_TRIP = encodeCode('print("This cell’s code came from a link.");');
if (!ROUND_TRIP.ok) throw new Error(ROUND_TRIP.reason);

export const widget = defineWidget({
  name: 'code-cell',
  component: 'CodeCell',
  title: 'Code cell',
  caption:
    'Edit the code and press Run (Ctrl+Enter or ⌘+Enter). It runs in your browser, in a sandbox without network access, with a time limit.',
  defaultId: 'cell',
  params,
  compute: 'model',
  source: [
    'src/widgets/code-cell/sandbox.ts',
    'src/widgets/code-cell/worker.ts',
    'src/widgets/code-cell/bindings.ts',
    'src/widgets/code-cell/controller.ts',
    'src/lib/notebook/codec.ts',
  ],
  metrics: {
    runs: { label: 'runs finished' },
    runMs: { label: 'time from Run to output on the page', unit: 'ms' },
    codeMs: { label: 'time the code itself ran', unit: 'ms' },
    tensors: { label: 'tensors the last run held at its end (all disposed after it)' },
    bytes: { label: 'bytes of tensors the last run held at its end', unit: 'bytes' },
    backend: { label: 'tfjs backend in use' },
  },
  // Any program works in the generated round trip; this one also reads as what it is.
  roundTrip: { code: ROUND_TRIP.token },
});
