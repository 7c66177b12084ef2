import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { LakeSourceCache } from '../../core/governance/quality/lake-source.ts';
import { MANIFEST_FILE, periodOfManifest } from '../../core/governance/quality/period.ts';
import type { QualitySources } from '../../core/governance/quality/run.ts';
import { nodeLakeReader } from './node-lake.ts';

/**
 * Node only (the quality CLI and tests): a datasets folder (public/datasets, or its variants/
 * folder for the hidden variant) as the sources a check file runs on: each `<id>.sqlite` opened
 * on first use as a private in-memory copy, the lake under `lake/<id>/`, the manifest's period.
 */

/** The sources of a datasets folder, and a way to close what they opened. */
export async function nodeQualitySources(datasetsDir: string): Promise<QualitySources & { close(): void }> {
  const sql = await initSqlJs();
  const open = new Map<string, Database | null>();
  const lake = new LakeSourceCache(sql, (lakeId) => nodeLakeReader(join(datasetsDir, 'lake', lakeId)));
  const manifest = join(datasetsDir, MANIFEST_FILE);
  const period = existsSync(manifest) ? periodOfManifest(JSON.parse(readFileSync(manifest, 'utf8'))) : null;
  return {
    database(id) {
      if (!open.has(id)) {
        const file = join(datasetsDir, `${id}.sqlite`);
        open.set(id, /^[a-z0-9][a-z0-9-]*$/i.test(id) && existsSync(file) ? new sql.Database(readFileSync(file)) : null);
      }
      return open.get(id) ?? null;
    },
    lake,
    period,
    close() {
      for (const db of open.values()) db?.close();
      lake.close();
    },
  };
}
