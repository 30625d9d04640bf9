/**
 * Loss coefficients as choice params: the values a reader needs span four decades and include 0 (off),
 * which a log slider cannot show. The URL carries the number itself (lab.alpha=0.01).
 */
export function coefficientOptions(values: readonly number[]): string[] {
  return values.map((v) => String(v));
}

/** The number a coefficient option stands for. */
export function coefficientValue(option: string): number {
  const v = Number(option);
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`not a coefficient: ${option}`);
  return v;
}
