/**
 * Messages between the metrics lab's page code and its Worker (evaluation-shared/study-protocol.ts): a
 * request is the reader's settings; the study is report.ts's.
 */
import type { StudyCommand, StudyEvent } from '../evaluation-shared/study-protocol';
import type { MetricsParams } from './params';
import type { MetricsStudy } from './report';

export type MetricsRequest = MetricsParams;
export type Command = StudyCommand<MetricsRequest>;
export type WorkerEvent = StudyEvent<MetricsRequest, MetricsStudy>;
