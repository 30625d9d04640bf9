/** Bounds of the distillation lab's requests, shared by its params (page side) and its job (worker side). */
export const DISTILL_LIMITS = {
  hidden: [8, 128],
  transfer: [100, 7000],
  steps: [50, 1000],
  temperature: [1, 20],
} as const;
