/**
 * Sizes the page needs to state (in text, beside the widgets' numbers) without importing the models:
 * the page imports only types from src/ml. Tests check each against the model code's own constant.
 */
/** Points per training batch of the router lab and of dense versus sparse (src/ml/moe-router-lab.ts, LAB_BATCH). */
export const LAB_BATCH_SIZE = 256;
