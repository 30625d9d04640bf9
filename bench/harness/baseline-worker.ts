/**
 * The two training loops built from another commit's src/ (bench/throughput.mjs --baseline=REF bundles
 * this file with every import of src/ redirected there), so a change's speed-up is measured in one run,
 * on one machine, under the same load, turn about with the current code.
 */
import { answerLoopRequest } from './loop-requests';
import { serve } from './setup';

serve(answerLoopRequest);
