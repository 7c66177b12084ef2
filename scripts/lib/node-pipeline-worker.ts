import type { WorkerPort } from '../../core/worker/envelope.ts';
import { createNodeWorker } from './node-worker.ts';

/** Node only (tests, bench): starts node-pipeline-worker-entry.ts on a thread, for PipelineClient's createWorker. */
export function createNodePipelineWorker(): WorkerPort {
  return createNodeWorker(new URL('./node-pipeline-worker-entry.ts', import.meta.url));
}
