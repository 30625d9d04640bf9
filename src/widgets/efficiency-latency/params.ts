import { choiceParam, defineParams, intParam, numberParam, type ParamValues } from '../../lib/params';

/** The variants the lab times (lab.ts builds them in this order). */
export const VARIANT_IDS = [
  'softmax',
  'mlp',
  'mlp-int8',
  'mlp-int4',
  'mlp-structured50',
  'cnn',
  'cnn-int8',
  'cnn-int4',
  'cnn-structured50',
  'robust-cnn',
] as const;

export const VARIANT_LABELS: Record<(typeof VARIANT_IDS)[number], string> = {
  softmax: 'Softmax regression',
  mlp: 'MLP',
  'mlp-int8': 'MLP, int8',
  'mlp-int4': 'MLP, 4-bit',
  'mlp-structured50': 'MLP, half the units',
  cnn: 'CNN',
  'cnn-int8': 'CNN, int8',
  'cnn-int4': 'CNN, 4-bit',
  'cnn-structured50': 'CNN, half the units',
  'robust-cnn': 'Adversarially trained CNN',
};

export const BATCH_SETS = { '1-10-100': [1, 10, 100], '1-100-1000': [1, 100, 1000], '1': [1] } as const;

/**
 * State of the latency lab: what is timed (batch sizes, timed runs and warm-up runs), and the
 * edge-versus-cloud calculator's inputs. The calculator's defaults are assumptions for the arithmetic,
 * not measurements or quotes: a 50 ms round trip (a nearby region over a good connection), 2 ms of server
 * time, a server at 1 (currency unit) per hour serving 500 requests per second, a 1 MB/s download.
 */
export const params = defineParams({
  batches: choiceParam({
    default: '1-10-100',
    options: ['1-10-100', '1-100-1000', '1'],
    optionLabels: { '1-10-100': '1, 10 and 100 digits', '1-100-1000': '1, 100 and 1,000 digits', '1': '1 digit' },
    label: 'Batch sizes timed',
    doc: 'Digits per forward pass; each size is timed separately.',
  }),
  repeats: intParam({
    default: 11,
    min: 3,
    max: 50,
    label: 'Timed runs (median reported)',
    doc: 'Timed runs per model and batch size.',
  }),
  warmup: intParam({
    default: 3,
    min: 0,
    max: 10,
    label: 'Warm-up runs (discarded)',
    doc: 'Untimed runs first: kernels compile, buffers are allocated.',
  }),
  variant: choiceParam({
    default: 'cnn',
    options: VARIANT_IDS,
    optionLabels: VARIANT_LABELS,
    label: 'Model in the calculator',
    doc: 'The model whose measured batch-1 time feeds the edge-versus-cloud calculator.',
  }),
  rtt: numberParam({
    default: 50,
    min: 0,
    max: 2000,
    step: 1,
    label: 'Network round trip (ms, assumed)',
    doc: 'Time for a request to reach the server and the answer to come back.',
  }),
  serverMs: numberParam({
    default: 2,
    min: 0,
    max: 1000,
    step: 0.5,
    label: 'Server compute per request (ms, assumed)',
    doc: 'Time the server spends on one request, queueing included.',
  }),
  pricePerHour: numberParam({
    default: 1,
    min: 0,
    max: 100,
    step: 0.05,
    label: 'Server price per hour (assumed)',
    doc: 'What one server costs per hour, in any currency.',
  }),
  serverRps: intParam({
    default: 500,
    min: 1,
    max: 100000,
    label: 'Requests per second per server (assumed)',
    doc: 'How many requests one server answers per second.',
  }),
  downloadMBps: numberParam({
    default: 1,
    min: 0.05,
    max: 1000,
    step: 0.05,
    label: 'Download speed (MB/s, assumed)',
    doc: 'The reader’s download speed, for the one-time model download.',
  }),
});

export type LatencyLabParams = ParamValues<typeof params>;

export function latencyRequest(v: LatencyLabParams) {
  return { batches: [...BATCH_SETS[v.batches]], repeats: v.repeats, warmup: v.warmup };
}

export const MEASURE_KEYS = ['batches', 'repeats', 'warmup'] as const;
export const CALCULATOR_KEYS = ['variant', 'rtt', 'serverMs', 'pricePerHour', 'serverRps', 'downloadMBps'] as const;
