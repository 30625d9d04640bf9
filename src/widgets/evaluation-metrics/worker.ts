/** The metrics lab's Worker: the zoo model's test logits, scored once, and each study from them. */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { StudyServer } from '../evaluation-shared/study-server';
import type { Command, MetricsRequest, WorkerEvent } from './protocol';
import { labMetrics, type MetricsStudy } from './report';

const studies = new StudyServer<MetricsRequest, MetricsStudy>((scored, request) => labMetrics(scored.test, request));

serveModelWorker<Command, WorkerEvent>({
  handle: (cmd, ctx) => studies.handle(cmd, ctx),
});
