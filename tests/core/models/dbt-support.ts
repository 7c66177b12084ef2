/**
 * Shared by the dbt import/export specs: read a project folder from disk, build a project with
 * the workbench's engine (sql.js, the same core functions the app and the CLI call), read tables
 * back, and compare row sets the way the oracle writes them (unordered, numbers within 1e-9).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { expect } from 'vitest';
import type { DbtInputFile } from '../../../core/models/dbt-import.ts';
import { buildProject, loadProject, planProject, sqlEngineModelEngine, type BuildResult } from '../../../core/models/index.ts';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';

/** Every file under a folder, with paths relative to it (as a folder picker gives them, minus the folder name). */
export function readFolder(dir: string, prefix = ''): DbtInputFile[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(dir).map((p) => ({ path: prefix + relative(dir, p).split('\\').join('/'), bytes: new Uint8Array(readFileSync(p)) }));
}

let sqlJs: Promise<SqlJsStatic> | null = null;

/** A project built on a database (its bytes; an empty database when none), and the engine it was built in. */
export async function buildFiles(project: ModelProjectFiles, databaseBytes?: Uint8Array): Promise<{ result: BuildResult; engine: SqlEngine }> {
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  const engine = new SqlEngine(SQL);
  engine.open(databaseBytes ?? new SQL.Database().export());
  const loaded = loadProject(project);
  expect(loaded.problems).toEqual([]);
  const plan = planProject(loaded);
  const result = await buildProject(plan, sqlEngineModelEngine(engine));
  return { result, engine };
}

/** A table's columns and rows as the engine reads them. */
export function tableOf(engine: SqlEngine, name: string): { columns: string[]; rows: unknown[][] } {
  const r = engine.exec(`select * from "${name}"`, 1_000_000);
  if (r.error) throw new Error(`${name}: ${r.error.message}`);
  const set = r.results[0];
  return { columns: set?.columns.map((c) => c.name) ?? [], rows: set?.rows ?? [] };
}

function cmp(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a) < String(b) ? -1 : 1;
}

/** Rows in one canonical order (NULL first, numbers before text), so two unordered sets line up. */
export function sortRows(rows: unknown[][]): unknown[][] {
  return [...rows].sort((x, y) => {
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const c = cmp(x[i], y[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Asserts two tables have the same columns (in order) and the same rows in any order; numbers within 1e-9. */
export function expectSameTable(label: string, actual: { columns: string[]; rows: unknown[][] }, expected: { columns: string[]; rows: unknown[][] }): void {
  expect(actual.columns, `${label}: columns`).toEqual(expected.columns);
  expect(actual.rows.length, `${label}: row count`).toBe(expected.rows.length);
  const a = sortRows(actual.rows);
  const e = sortRows(expected.rows);
  for (let i = 0; i < e.length; i++) {
    const ar = a[i] as unknown[];
    const er = e[i] as unknown[];
    for (let j = 0; j < er.length; j++) {
      const av = ar[j];
      const ev = er[j];
      if (typeof ev === 'number' && typeof av === 'number') {
        if (Math.abs(av - ev) > 1e-9) expect(av, `${label}: row ${i} ${expected.columns[j]} (${JSON.stringify(er)})`).toBe(ev);
      } else if (av !== ev) {
        expect(av, `${label}: row ${i} ${expected.columns[j]} (${JSON.stringify(er)})`).toEqual(ev);
      }
    }
  }
}

/** Why the live oracle cannot run here ('' when python3 with jinja2 and PyYAML is present). */
export function oracleUnavailable(): string {
  const python = spawnSync('python3', ['-c', 'import jinja2, yaml'], { encoding: 'utf8' });
  if (python.error !== undefined) return `python3 not runnable (${python.error.message})`;
  if (python.status !== 0) return 'python3 lacks jinja2 or PyYAML';
  return '';
}

/** The oracle's output (scripts/dbt-oracle.py) as the specs read it. */
export interface OracleResult {
  project: string;
  models: Record<string, { materialized: string; columns: string[]; rows: unknown[][] }>;
  tests: { kind: string; model: string | null; column: string | null; name?: string; failures: number }[];
}
