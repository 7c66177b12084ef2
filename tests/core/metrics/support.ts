import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { openReadOnly } from '../../../core/metrics/worker-dispatch.ts';
import type { SqlEngine } from '../../../core/sql/engine.ts';

/** Test support: the built warehouse (visible or hidden variant) opened read-only as the analytics worker opens it. */

export const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The bytes of the built warehouse, or its hidden variant. */
export function warehouseBytes(copy: 'visible' | 'variant' = 'visible'): Uint8Array {
  const file = copy === 'visible' ? 'hanbit-warehouse.sqlite' : join('variants', 'hanbit-warehouse.sqlite');
  return new Uint8Array(readFileSync(join(ROOT, 'public', 'datasets', file)));
}

/** A read-only engine on the warehouse. */
export async function warehouseEngine(copy: 'visible' | 'variant' = 'visible'): Promise<SqlEngine> {
  return openReadOnly(await initSqlJs(), warehouseBytes(copy)).engine;
}
