import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { SqlEngine } from '../../../core/sql/engine.ts';
import { validatePack } from '../../../core/packs/validate.ts';
import type { PackWorkerMessage, PackWorkerRequest } from './pack-worker-protocol.ts';

/**
 * Validates a class pack off the main thread with the same grader code the lesson checker runs:
 * its datasets are built and every reference solution runs on a SQLite engine of this worker's
 * own, never on the learner's sandbox. Progress is posted as it goes.
 */

const post = (message: PackWorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<PackWorkerRequest>) => {
  const { zip, builtin, takenDatasetIds } = event.data;
  try {
    const engine = new SqlEngine(await initSqlJs({ locateFile: () => wasmUrl }));
    const loaded = new Map<string, Uint8Array | null>();
    const fetchBytes = async (url: string | null) => {
      if (!url) return null;
      const res = await fetch(url);
      return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
    };
    const result = await validatePack(zip, {
      engine,
      builtin: {
        ids: builtin.map((b) => b.id),
        provider: { bytes: (id, copy) => loaded.get(`${id}:${copy}`) ?? null },
        load: async (ids) => {
          for (const db of builtin.filter((b) => ids.includes(b.id))) {
            loaded.set(`${db.id}:visible`, await fetchBytes(db.url));
            loaded.set(`${db.id}:variant`, await fetchBytes(db.variantUrl));
          }
        },
      },
      takenDatasetIds: new Map(takenDatasetIds),
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', result }, result.ok ? result.pack.datasets.map((d) => d.bytes.buffer as ArrayBuffer) : []);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
