import { booleanParam, choiceParam, defineParams, intParam, type ParamValues } from '../../lib/params';
import { BINNINGS, type Binning } from '../../math/evaluation-calibration';
import { zooModelParam } from '../zoo-shared/params';

/**
 * State of the calibration lab: which zoo model, how its confidences are binned (equal width or equal
 * mass, and how many bins), whether the diagram shows the test split after temperature scaling, and the
 * seed of the bootstrap bands. Bounds cap the compute: at most 50 bins, 200 bootstrap draws.
 */
export const params = defineParams({
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
    label: 'After temperature scaling',
    doc: 'Show the test split with its logits divided by the temperature fitted on the validation split.',
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

/** Bootstrap draws per report (the bands). */
export const RESAMPLES = 200;
