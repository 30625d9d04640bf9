/**
 * Worker side of the calibration lab (worker.ts serves it; tests serve it through a fake scope): the
 * chapter's StudyServer (evaluation-shared/study-server.ts) with the lab's study (report.ts: a
 * temperature and a matrix fitted on the first validation digits, kept per model and size; the test split
 * as trained and after each) and its model trained here (trained.ts), cached by its epochs.
 */
import type { ZooKitOptions } from '../zoo-shared/kit';
import { StudyServer } from '../evaluation-shared/study-server';
import type { CalibrationStudy, StudyRequest } from './protocol';
import { fitCache, labStudy } from './report';
import { trainAndScore } from './trained';

/** The cache key of a request's model trained here (null: a shipped model). */
export const trainedKey = (r: StudyRequest) => (r.source === 'trained' ? `trained:${r.epochs}` : null);

export function calibrationServer(options: ZooKitOptions = {}) {
  const fits = fitCache();
  return new StudyServer<StudyRequest, CalibrationStudy>(
    (scored, request) => ({
      ...labStudy(scored.validation, scored.test, request, fits(scored.validation)),
      training: scored.training ?? null,
    }),
    {
      ...options,
      trained: {
        key: trainedKey,
        async score(request, data, hooks) {
          const r = await trainAndScore(data, request.epochs, hooks);
          if (!r) return null;
          const { epochs, steps, trainMs, stepsPerSecond, finalTrainLoss } = r;
          return {
            validation: r.validation,
            test: r.test,
            training: { epochs, steps, trainMs, stepsPerSecond, finalTrainLoss },
          };
        },
      },
    },
  );
}
