/**
 * Building blocks shared by the models in src/ml: seeded weight initialisation (drawn in plain JS, so a
 * seed gives identical weights on every backend) and the integer checks their configs use.
 */
import { randNormal, type Rng } from '../math/random';
import { tf, type Tensor, type Variable } from './tf';

/** Throws a RangeError naming the field unless value is an integer in [min, max]. */
export function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** Wraps an initial value in a trainable variable and releases the value's own handle on the data. */
export function toVariable(init: Tensor): Variable {
  const v = tf.variable(init);
  init.dispose();
  return v;
}

/** N(0, std²) entries drawn in plain JS from the seeded stream: identical on every backend. */
export function normalVariable(rng: Rng, shape: number[], std: number): Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  return toVariable(
    tf.tensor(
      Float32Array.from({ length: size }, () => std * randNormal(rng)),
      shape,
    ),
  );
}
