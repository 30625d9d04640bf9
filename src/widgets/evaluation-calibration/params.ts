import { booleanParam, choiceParam, defineParams, intParam, type ParamValues } from '../../lib/params';
import { BINNINGS, type Binning } from '../../math/evaluation-calibration';
import type { ZooModelName } from '../../math/zoo';
import type { StudyRequest } from './protocol';
import { zooModelParam } from '../zoo-shared/params';

export const MODEL_SOURCES = ['zoo', 'trained'] as const;
export type ModelSource = (typeof MODEL_SOURCES)[number];
/** The architecture and recipe the lab trains (the zoo's MLP), from the recipe's own seed. */
export const TRAINED_MODEL: ZooModelName = 'mlp';
export const TRAINED_SEED = 1;
/** The calibration maps the diagram can show after scaling (both are fitted and tabled). */
export const SCALING_MAPS = ['temperature', 'matrix'] as const;
export type ScalingMap = (typeof SCALING_MAPS)[number];
/** Validation digits that fit the maps: from 20 (2 of each digit) to all 1,000, in steps of 10. */
export const FIT_BOUNDS = [20, 1000] as const;
/** Epochs of a live run: 30 epochs of the MLP are about 3,300 steps (seconds on wasm). */
export const EPOCH_BOUNDS = [1, 30] as const;

/**
 * State of the calibration lab: a shipped zoo model or an MLP trained here for a number of epochs, how
 * its confidences are binned (equal width or equal mass, and how many bins), whether the diagram shows
 * the test split after scaling and after which map (a temperature or a matrix, both fitted on the first
 * `fit` validation digits), and the seed of the bootstrap bands. Bounds cap the compute: at most 30
 * epochs of training, 50 bins, 200 bootstrap draws, a matrix fit of 500 L-BFGS iterations on at most
 * 1,000 digits. The defaults are the lab as it was before the matrix: `cal.scaled=1` alone still means
 * temperature scaling fitted on all 1,000 validation digits.
 */
export const params = defineParams({
  source: choiceParam<ModelSource>({
    default: 'zoo',
    options: MODEL_SOURCES,
    optionLabels: { zoo: 'a shipped zoo model', trained: 'an MLP trained here' },
    label: 'Model source',
    doc: 'Score a shipped zoo model, or train the zoo’s MLP recipe here (seed 1) for a chosen number of epochs first.',
  }),
  epochs: intParam({
    default: 10,
    min: EPOCH_BOUNDS[0],
    max: EPOCH_BOUNDS[1],
    label: 'Training epochs',
    doc: 'Passes over the 7,000 training digits for the MLP trained here (its cosine schedule spans them).',
  }),
  model: zooModelParam({
    default: 'robust-cnn',
    doc: 'The zoo model whose validation and test digits are scored (see the model zoo page).',
  }),
  binning: choiceParam<Binning>({
    default: 'width',
    options: BINNINGS,
    optionLabels: { width: 'equal width', mass: 'equal mass' },
    label: 'Bins',
    doc: 'Equal-width bins cut confidence into equal intervals; equal-mass bins hold (nearly) equal numbers of digits.',
  }),
  bins: intParam({
    default: 15,
    min: 2,
    max: 50,
    label: 'Number of bins',
    doc: 'M in the ECE formula (Guo et al. used 15).',
  }),
  scaled: booleanParam({
    default: false,
    label: 'After scaling',
    doc: 'Show the test split after the calibration map fitted on the validation digits (the map and how many digits fit it: below).',
  }),
  map: choiceParam<ScalingMap>({
    default: 'temperature',
    options: SCALING_MAPS,
    optionLabels: { temperature: 'temperature (1 parameter)', matrix: 'matrix (110 parameters)' },
    label: 'Calibration map',
    doc: 'The map the diagram shows after scaling: softmax(z / T) with one temperature, or softmax(W z + b) with a 10 × 10 matrix W and a bias b. The table shows both.',
  }),
  fit: intParam({
    default: FIT_BOUNDS[1],
    min: FIT_BOUNDS[0],
    max: FIT_BOUNDS[1],
    step: 10,
    label: 'Fitting digits',
    doc: 'How many validation digits fit both maps: the first N of the 1,000 (N/10 of each digit).',
  }),
  seed: intParam({
    default: 1,
    min: 0,
    max: 99999,
    label: 'Bootstrap seed',
    doc: 'Fixes the 200 resamples of the test digits that give each bin its 95% band.',
  }),
});

export type CalibrationParams = ParamValues<typeof params>;

/**
 * The study a state asks the Worker for. A trained model is named by its epochs (the model is the
 * trained architecture's); a shipped one by its name (epochs 0), so an unused control sends nothing.
 */
export function studyRequest(v: CalibrationParams): StudyRequest {
  const trained = v.source === 'trained';
  return {
    source: v.source,
    model: trained ? TRAINED_MODEL : v.model,
    epochs: trained ? v.epochs : 0,
    bins: v.bins,
    binning: v.binning,
    seed: v.seed,
    fit: v.fit,
  };
}

/** The controls on show: the model list for a shipped model, the epochs for one trained here. */
export function shownControls(v: Pick<CalibrationParams, 'source'>): (keyof typeof params & string)[] {
  return (Object.keys(params) as (keyof typeof params & string)[]).filter((k) =>
    v.source === 'trained' ? k !== 'model' : k !== 'epochs',
  );
}

/** Bootstrap draws per report (the bands). */
export const RESAMPLES = 200;
