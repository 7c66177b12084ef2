import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { SqlEngine } from '../../core/sql/engine.ts';
import { gradeStep } from '../../core/grading/grade-step.ts';
import type { DatabaseCopy } from '../../core/grading/engine.ts';
import type { GradeRequest, GradeResponse } from './protocol.ts';

/**
 * The grader runs in its own worker with its own SQLite: answers are run on fresh copies of the
 * visible and the hidden variant database, never on the learner's sandbox, and a runaway answer
 * only costs this worker (the client terminates it after a time limit).
 */

interface WorkerScope {
  onmessage: ((event: MessageEvent<GradeRequest>) => void) | null;
  postMessage(message: GradeResponse): void;
}
const scope = self as unknown as WorkerScope;

const engineReady = initSqlJs({ locateFile: () => wasmUrl }).then((sql) => new SqlEngine(sql));
const cache = new Map<string, Promise<Uint8Array | null>>();

function fetchBytes(url: string | null): Promise<Uint8Array | null> {
  if (!url) return Promise.resolve(null);
  let pending = cache.get(url);
  if (!pending) {
    pending = fetch(url).then(async (res) => (res.ok ? new Uint8Array(await res.arrayBuffer()) : null));
    cache.set(url, pending);
  }
  return pending;
}

scope.onmessage = async (event) => {
  const { id, lesson, step, answer, databases } = event.data;
  try {
    const engine = await engineReady;
    // The provider is synchronous: load every copy first.
    const loaded = new Map<string, Uint8Array | null>();
    for (const db of databases) {
      loaded.set(`${db.id}:visible`, await fetchBytes(db.url));
      loaded.set(`${db.id}:variant`, await fetchBytes(db.variantUrl));
    }
    const verdict = gradeStep(lesson, step, answer, {
      engine,
      databases: { bytes: (dbId: string, copy: DatabaseCopy) => loaded.get(`${dbId}:${copy}`) ?? null },
    });
    scope.postMessage({ id, ok: true, verdict });
  } catch (e) {
    scope.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
