import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { LakeReadError, type LakeReader } from '../../../core/pipeline/lake.ts';
import { PipelineRunner } from '../../../core/pipeline/runner.ts';
import { PipelineSchema, type Pipeline, type PipelineInput } from '../../../core/pipeline/schema.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';

/** Test helpers for the pipeline core: a lake in memory, a small target database, a runner over real sql.js. */

let sqlJs: Promise<SqlJsStatic> | null = null;

/** sql.js, started once per test file. */
export function sql(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/** A lake whose files are given as text or bytes. */
export function memoryLake(files: Record<string, string | Uint8Array>): LakeReader {
  const bytes = new Map(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? new TextEncoder().encode(v) : v]));
  return {
    list: () => Promise.resolve([...bytes.keys()].sort()),
    read: (path) => {
      const found = bytes.get(path);
      return found ? Promise.resolve(found) : Promise.reject(new LakeReadError('missing', `${path}: no such file`));
    },
  };
}

/** A target database with one bundled table, `warehouse_orders(day, amount)`, as a file's bytes. */
export async function targetDatabase(): Promise<Uint8Array> {
  const db = new (await sql()).Database();
  db.exec('CREATE TABLE warehouse_orders (day TEXT, amount INTEGER); CREATE TABLE fact_spend (spend_date TEXT, channel TEXT, spend INTEGER);');
  const bytes = db.export();
  db.close();
  return bytes;
}

/** A pipeline with the schema's defaults applied. */
export function pipelineOf(input: Omit<PipelineInput, 'formatVersion' | 'id' | 'database'> & Partial<PipelineInput>): Pipeline {
  return PipelineSchema.parse({ formatVersion: 1, id: 'test_pipeline', database: 'test', ...input });
}

/** A runner on real sql.js over the in-memory lake and the small target database. */
export async function runnerFor(pipeline: Pipeline, lake: LakeReader = memoryLake({})): Promise<{ runner: PipelineRunner; engine: SqlEngine }> {
  const engine = new SqlEngine(await sql());
  return { runner: new PipelineRunner({ engine, lake, pipeline, databaseBytes: await targetDatabase() }), engine };
}

/** The rows of a query on the runner's database. */
export function rows(runner: PipelineRunner, query: string): unknown[][] {
  return runner.database().exec(query)[0]?.values ?? [];
}
