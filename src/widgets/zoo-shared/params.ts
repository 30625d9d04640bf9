/**
 * Param declarations a chapter widget spreads into its own params.ts (as the diffusion widgets share
 * diffusion-shared/dataset-params.ts), and the zoo's model names as readers see them.
 *
 *   export const params = defineParams({
 *     model: zooModelParam({ default: 'robust-cnn' }),
 *     ...digitInputParams,                      // input, digit, index, drawing
 *     epsilon: numberParam({ ... }),
 *   });
 */
import { choiceParam, type ChoiceSpec } from '../../lib/params';
import { ZOO_MODEL_NAMES, type ZooModelName } from '../../math/zoo';

export { digitInputParams, type DigitInputValues } from './digit-input';

/** How the site names each zoo model (the manifest's titles). */
export const ZOO_MODEL_LABELS: Record<ZooModelName, string> = {
  softmax: 'Softmax regression',
  mlp: 'MLP',
  cnn: 'CNN',
  'robust-cnn': 'Adversarially trained CNN',
};

/** A choice of zoo model; `options` narrows the list (e.g. the two CNNs). */
export function zooModelParam(
  o: { default?: ZooModelName; options?: readonly ZooModelName[]; label?: string; doc?: string } = {},
): ChoiceSpec<ZooModelName> {
  return choiceParam<ZooModelName>({
    default: o.default ?? 'cnn',
    options: o.options ?? ZOO_MODEL_NAMES,
    optionLabels: ZOO_MODEL_LABELS,
    label: o.label ?? 'Model',
    doc: o.doc ?? 'One of the site’s digit classifiers (see the model zoo page).',
  });
}
