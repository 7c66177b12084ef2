import type { PeekingOptions, PeekingResult } from '../../core/stats/index.ts';
import { WorkerConnection } from '../../core/worker/connection.ts';
import type { Progress, WorkerPort } from '../../core/worker/envelope.ts';
import { domWorkerPort } from '../worker/dom-endpoint.ts';

/**
 * The UI's handle on the peeking worker (renderer/workbench/peeking.worker.ts), which runs
 * core/stats' seeded A/A simulation off the main thread:
 *
 *   const client = new PeekingClient();
 *   const result = await client.simulate({ simulations, looks, alpha, seed }, (p) => …);
 *   client.cancel();   // the run stops at its next chunk and rejects with PeekingCancelledError;
 *                      // a worker that does not answer in time is replaced
 */

/** The worker's protocol: one action. */
export type PeekingProtocol = {
  simulate: { request: { options: PeekingOptions }; result: PeekingResult };
};

/** The rejection of a simulation that was cancelled. */
export class PeekingCancelledError extends Error {
  constructor() {
    super('Simulation cancelled');
    this.name = 'PeekingCancelledError';
  }
}

/** How long a stop may take before the worker is terminated and replaced. */
const STOP_GRACE_MS = 1500;

function defaultWorker(): WorkerPort {
  return domWorkerPort(new Worker(new URL('./peeking.worker.ts', import.meta.url), { type: 'module' }));
}

/** Typed client for the peeking worker. */
export class PeekingClient {
  private readonly createWorker: () => WorkerPort;
  private port: WorkerPort;
  private conn: WorkerConnection<PeekingProtocol>;
  /** The running simulation's cancel flag, if one runs. */
  private running: { cancelled: boolean } | null = null;

  /** Starts the worker (tests pass a Node worker factory). */
  constructor(opts: { createWorker?: () => WorkerPort } = {}) {
    this.createWorker = opts.createWorker ?? defaultWorker;
    this.port = this.createWorker();
    this.conn = this.connect(this.port);
  }

  private connect(port: WorkerPort): WorkerConnection<PeekingProtocol> {
    const conn = new WorkerConnection<PeekingProtocol>(port, { crashMessage: 'The simulation worker stopped' });
    conn.onCrash = (error) => this.restart(error);
    return conn;
  }

  private restart(reason: Error): void {
    this.conn.kill(reason);
    this.port = this.createWorker();
    this.conn = this.connect(this.port);
  }

  /** Runs the simulation; progress after each chunk; rejects with PeekingCancelledError after cancel(). */
  async simulate(options: PeekingOptions, onProgress?: (progress: Progress) => void): Promise<PeekingResult> {
    const run = { cancelled: false };
    this.running = run;
    try {
      const result = await this.conn.request({ action: 'simulate', options }, onProgress ? { onProgress } : {});
      if (run.cancelled || result.cancelled) throw new PeekingCancelledError();
      return result;
    } catch (e) {
      if (run.cancelled) throw new PeekingCancelledError();
      throw e;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  /** Stops the running simulation: asks the worker to stop, and replaces it if it does not in time. */
  cancel(): void {
    const run = this.running;
    if (!run || run.cancelled) return;
    run.cancelled = true;
    const conn = this.conn;
    this.port.postMessage({ peekingStop: true });
    setTimeout(() => {
      if (this.conn === conn && !conn.idle) this.restart(new PeekingCancelledError());
    }, STOP_GRACE_MS);
  }

  /** Terminates the worker. */
  dispose(): void {
    this.conn.kill(new Error('The simulation client was disposed'));
  }
}
