import { simulatePeekingAsync } from '../../core/stats/index.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import type { WorkerEndpoint } from '../../core/worker/envelope.ts';
import { domEndpoint } from '../worker/dom-endpoint.ts';
import type { PeekingProtocol } from './peeking-client.ts';

/**
 * The peeking worker: the A/A simulation of the Experiments screen off the main thread, with
 * progress after every chunk. A stop message is taken out of the request queue (the running
 * simulation would otherwise hold it back) and ends the run at the next chunk.
 */

let stopRequested = false;
/** The client's stop message (see PeekingClient.cancel); not a request, so it never waits in the queue. */
const isStop = (data: unknown): boolean => typeof data === 'object' && data !== null && (data as { peekingStop?: unknown }).peekingStop === true;
const base = domEndpoint();
const endpoint: WorkerEndpoint = {
  listen(listener) {
    base.listen((data) => {
      if (isStop(data)) stopRequested = true;
      else listener(data);
    });
  },
  post: (message, transfer) => base.post(message, transfer),
};

serveWorker<PeekingProtocol>(endpoint, async (request, ctx) => {
  stopRequested = false;
  const result = await simulatePeekingAsync(
    request.options,
    (done, total) => ctx.progress({ done, total }),
    () => stopRequested,
  );
  return { response: { id: request.id, ok: true, value: result }, transfer: [] };
});
