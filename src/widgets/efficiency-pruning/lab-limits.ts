/** Bounds of the pruning lab's requests, shared by its params (page side) and its job (worker side). */
export const MAX_FINE_TUNE_STEPS = 300;
export const MAX_SPARSITY = 0.95;
