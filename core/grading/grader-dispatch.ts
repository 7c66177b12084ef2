import type { SqlEngine } from '../sql/engine.ts';
import type { DispatchOutcome } from '../worker/serve.ts';
import type { DatabaseCopy } from './engine.ts';
import { gradeStepAsync } from './grade-step.ts';
import { manifestLakeReader } from './lake-files.ts';
import type { LakeReader } from '../pipeline/lake.ts';
import type { GradeRequest } from './grader-protocol.ts';

/**
 * The grader worker's request handler, shared by the browser worker and its Node twin: answers
 * run on fresh copies of the visible and the hidden variant database, never on the learner's
 * sandbox. Database and lake files are fetched once per worker.
 */

/** Loads a file's bytes (null when there is none or it cannot be fetched). */
export type FetchBytes = (url: string) => Promise<Uint8Array | null>;

/** Fetches over HTTP(S) or data: URLs. */
export const fetchBytes: FetchBytes = async (url) => {
  const res = await fetch(url);
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
};

/** Makes the handler for one worker: its engine, and a cache of the database files it has loaded. */
export function gradeRequestHandler(
  engineReady: Promise<SqlEngine>,
  load: FetchBytes = fetchBytes,
): (request: GradeRequest) => Promise<DispatchOutcome> {
  const cache = new Map<string, Promise<Uint8Array | null>>();
  const bytesOf = (url: string | null): Promise<Uint8Array | null> => {
    if (!url) return Promise.resolve(null);
    let pending = cache.get(url);
    if (!pending) {
      pending = load(url);
      cache.set(url, pending);
    }
    return pending;
  };
  return async ({ id, lesson, step, answer, databases, lakes }) => {
    try {
      const engine = await engineReady;
      // The provider is synchronous: load every copy first.
      const loaded = new Map<string, Uint8Array | null>();
      for (const db of databases) {
        loaded.set(`${db.id}:visible`, db.bytes ?? (await bytesOf(db.url)));
        loaded.set(`${db.id}:variant`, await bytesOf(db.variantUrl));
      }
      // Lake files are read as the pipeline asks for them, through the same cache.
      const lakeReaders = new Map<string, LakeReader>();
      for (const lake of lakes ?? []) {
        lakeReaders.set(`${lake.id}:visible`, manifestLakeReader(lake.visible, bytesOf));
        if (lake.variant) lakeReaders.set(`${lake.id}:variant`, manifestLakeReader(lake.variant, bytesOf));
      }
      const verdict = await gradeStepAsync(lesson, step, answer, {
        engine,
        databases: { bytes: (dbId: string, copy: DatabaseCopy) => loaded.get(`${dbId}:${copy}`) ?? null },
        lakes: { reader: (lakeId: string, copy: DatabaseCopy) => lakeReaders.get(`${lakeId}:${copy}`) ?? null },
      });
      return { response: { id, ok: true, value: verdict }, transfer: [] };
    } catch (e) {
      return { response: { id, ok: false, error: e instanceof Error ? e.message : String(e) }, transfer: [] };
    }
  };
}
