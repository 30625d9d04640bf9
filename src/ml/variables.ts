/**
 * Saving and loading a model's weights as plain arrays, for every model here that keeps its weights as
 * a list of tf.Variables (the denoiser, the zoo's classifiers): the order of the list is the order of
 * the arrays, and a weights manifest records their shapes.
 */
import { tf, type Variable } from './tf';

/** The shape of each weight array, in list order. */
export function variableShapes(vars: readonly Variable[]): number[][] {
  return vars.map((v) => [...v.shape]);
}

/** A copy of every weight, in list order. */
export function readVariables(vars: readonly Variable[]): Float32Array[] {
  return vars.map((v) => Float32Array.from(v.dataSync()));
}

/**
 * Assigns saved arrays to the variables, after checking the count, each array's length and that every
 * value is finite: a truncated or corrupted file must fail here, with its reason, not train on NaN.
 */
export function assignVariables(vars: readonly Variable[], values: readonly ArrayLike<number>[]): void {
  if (values.length !== vars.length)
    throw new RangeError(`expected ${vars.length} weight arrays, got ${values.length}`);
  values.forEach((w, i) => {
    if (w.length !== vars[i].size) {
      throw new RangeError(`weight array ${i} has ${w.length} values, expected ${vars[i].size}`);
    }
    for (let j = 0; j < w.length; j++) {
      if (!Number.isFinite(w[j])) throw new RangeError(`weight array ${i} has a non-finite value`);
    }
  });
  tf.tidy(() => vars.forEach((v, i) => v.assign(tf.tensor(Float32Array.from(values[i]), v.shape))));
}
