/**
 * The static figure's sample grid: the widget's default sampling request, run by the training script
 * (scripts/digit-denoiser-train.ts) with the committed weights, as ink bytes in base64, with the label of
 * each sample's nearest held-out real digit. Committed next to this file as static-samples.json.
 */
import type { SamplingRequest } from './sampling-session';

export const STATIC_SAMPLES_FILE = 'src/widgets/digit-diffusion/static-samples.json';

export interface StaticSamples {
  request: Required<SamplingRequest>;
  /** One base64 string of PIXELS ink bytes per sample. */
  samples: string[];
  /** Label of each sample's nearest held-out real digit. */
  nearest: number[];
}
