import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { airflowProject } from '../../../core/pipeline/airflow-export.ts';
import { reconcileAll } from '../../../core/pipeline/reconcile.ts';
import { PipelineRunner, type RunRecord } from '../../../core/pipeline/runner.ts';
import type { Pipeline } from '../../../core/pipeline/schema.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';
import { nodeLakeReader } from '../../../scripts/lib/node-lake.ts';
import { DEFAULT_DATASETS_DIR, pipelineInputs, readPipelineFile } from '../../../scripts/lib/pipeline-file.ts';

/**
 * The Track 1 reference pipeline (lessons/_reference/pipeline/hanbit-etl.pipeline.json): an ETL
 * from the lake alone into a fresh hanbit-warehouse-empty, run with the app's runner, must load
 * exactly the rows of the reference warehouse (datasets/hanbit/etl.ts) in the tables it owns, the
 * rows it rejects included; its reconciliations balance; its loads are idempotent; and it
 * exports to an Airflow project with the same tasks and dependencies.
 */

const FILE = join(import.meta.dirname, '../../../lessons/_reference/pipeline/hanbit-etl.pipeline.json');
/** The warehouse tables the pipeline loads, and the rows of etl_rejects it owns. */
const LOADED: { table: string; where?: string }[] = [
  { table: 'marketing_spend' },
  { table: 'fact_events_daily' },
  { table: 'fact_searches' },
  { table: 'fact_web_requests_hourly' },
  { table: 'etl_rejects', where: "source LIKE 'lake.events/%' OR source LIKE 'lake.exports/marketing_spend%'" },
];

const python = spawnSync('python3', ['-c', 'import jinja2, sys; print(sys.version_info[:2] >= (3, 9))'], { encoding: 'utf8' });
const hasPython = python.status === 0 && python.stdout.trim() === 'True';
if (!hasPython) console.log('reference-pipeline.spec: python3 (3.9+) with jinja2 is not available, so the exported project is not run outside the app');

/**
 * Python: runs an exported Airflow project the way its DAG says, without Airflow: tasks in `>>`
 * order, extract tasks through dags/datalit_extract.py with the DAG's EXTRACTS, SQL tasks as
 * their dags/sql files rendered with Jinja (ds) and run on the connection's SQLite file.
 */
const RUN_EXPORTED = String.raw`
import ast, json, sqlite3, sys
import jinja2
cfg = json.load(sys.stdin)
sys.path.insert(0, cfg["dags"])
import datalit_extract
tree = ast.parse(open(cfg["dag"], encoding="utf-8").read())
extracts = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "EXTRACTS")
order, tasks, edges = [], {}, []
for n in ast.walk(tree):
    if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call):
        kw = {k.arg: k.value for k in n.value.keywords}
        if "extract_id" in kw:
            tasks[n.targets[0].id] = ("extract", ast.literal_eval(kw["extract_id"]), ast.literal_eval(kw["path"]))
            order.append(n.targets[0].id)
        elif "sql" in kw:
            tasks[n.targets[0].id] = ("sql", ast.literal_eval(kw["task_id"]), ast.literal_eval(kw["sql"]))
            order.append(n.targets[0].id)
    if isinstance(n, ast.BinOp) and isinstance(n.op, ast.RShift):
        edges.append((n.left.id, n.right.id))
done, ran = set(), []
env = jinja2.Environment()
conn = sqlite3.connect(cfg["db"])
while len(done) < len(order):
    ready = [v for v in order if v not in done and all(a in done for a, b in edges if b == v)]
    v = ready[0]
    kind, task_id, what = tasks[v]
    context = {"ds": cfg["ds"], "ds_nodash": cfg["ds"].replace("-", "")}
    if kind == "extract":
        spec = extracts[task_id]
        datalit_extract.extract(conn, cfg["lake"], env.from_string(what).render(**context), spec, spec["target"], spec["mode"])
        conn.commit()
    else:
        conn.executescript(env.from_string(open(cfg["sql"] + "/" + what, encoding="utf-8").read()).render(**context))
    done.add(v)
    ran.append(task_id)
conn.close()
print(json.dumps(ran))
`;

let SQL: SqlJsStatic;
let pipeline: Pipeline;
let engine: SqlEngine;
let runner: PipelineRunner;
let record: RunRecord;
let reference: Database;

/** A table's rows as a sorted list of JSON lines: equal lists are equal multisets. */
function multiset(db: Database, table: string, where?: string): string[] {
  const res = db.exec(`SELECT * FROM "${table}"${where ? ` WHERE ${where}` : ''}`)[0];
  return (res?.values ?? []).map((row: SqlValue[]) => JSON.stringify(row)).sort();
}

beforeAll(async () => {
  SQL = await initSqlJs();
  pipeline = await readPipelineFile(FILE);
  const inputs = await pipelineInputs(pipeline);
  engine = new SqlEngine(SQL);
  runner = new PipelineRunner({
    engine,
    lake: nodeLakeReader(inputs.lakeDir),
    pipeline,
    databaseBytes: new Uint8Array(readFileSync(inputs.databaseFile)),
  });
  record = await runner.runAll(pipeline.schedule?.start ?? '2025-12-31');
  reference = new SQL.Database(readFileSync(join(DEFAULT_DATASETS_DIR, 'hanbit-warehouse.sqlite')));
}, 240_000);

describe('the Track 1 reference pipeline', () => {
  it('runs every task to success from the lake into a fresh hanbit-warehouse-empty', () => {
    expect(pipeline.database).toBe('hanbit-warehouse-empty');
    const states = Object.fromEntries(record.tasks.map((t) => [t.task, t.error ? `${t.state}: ${t.error.message}` : t.state]));
    expect(states).toEqual(Object.fromEntries(pipeline.tasks.map((t) => [t.id, 'success'])));
    expect(record.state).toBe('success');
  });

  it.each(LOADED)('loads $table exactly as the reference warehouse has it (same rows, as a multiset)', ({ table, where }) => {
    const mine = multiset(engine.database(), table, where);
    const theirs = multiset(reference, table, where);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBe(theirs.length);
    const theirSet = new Set(theirs);
    const mySet = new Set(mine);
    const missing = theirs.filter((r) => !mySet.has(r)).slice(0, 5);
    const extra = mine.filter((r) => !theirSet.has(r)).slice(0, 5);
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(mine).toEqual(theirs);
  });

  it('keeps an owner and a purpose for every table it loads', () => {
    const recorded = new Set(pipeline.tables.map((t) => t.table));
    for (const { table } of LOADED) expect(recorded.has(table), table).toBe(true);
    for (const t of pipeline.tables) {
      expect(t.owner.trim().length).toBeGreaterThan(0);
      expect(t.purpose.trim().length).toBeGreaterThan(0);
    }
  });

  it('balances its reconciliations: spend rows and won, searches rows', () => {
    const reports = reconcileAll(engine, pipeline, record.ds);
    expect(reports.map((r) => [r.id, r.error ?? null, r.balanced])).toEqual(pipeline.reconcile.map((r) => [r.id, null, true]));
    const spend = reports.find((r) => r.id === 'spend_rows_and_won');
    // 31 duplicate rows of the spend CSVs explain the difference (the manifest's planted count).
    expect(spend?.lines.find((l) => l.kind === 'duplicates')?.rows).toBe(31);
  });

  it('writes its loads idempotently: running a load task twice changes nothing', async () => {
    for (const id of ['load_marketing_spend', 'load_web_requests_hourly']) {
      const report = await runner.idempotency(id, record.ds);
      expect(report.second?.state, id).toBe('success');
      expect(report.idempotent, id).toBe(true);
    }
  });

  it('exports to an Airflow project with the same tasks and >> dependencies', () => {
    const files = airflowProject(pipeline);
    const dag = files[`dags/${pipeline.id}.py`] as string;
    const vars = new Map<string, string>();
    for (const m of dag.matchAll(/^ {4}(\w+) = (?:SQLExecuteQueryOperator\(|extract_lake_files\.override\()\n {8}task_id="([^"]+)"/gm))
      vars.set(m[1] as string, m[2] as string);
    expect([...vars.values()].sort()).toEqual(pipeline.tasks.map((t) => t.id).sort());
    const edges = [...dag.matchAll(/^ {4}(\w+) >> (\w+)$/gm)].map((m) => `${vars.get(m[1] as string)}>${vars.get(m[2] as string)}`);
    expect(edges.sort()).toEqual(pipeline.edges.map((e) => `${e.from}>${e.to}`).sort());
    for (const t of pipeline.tasks) if (t.kind === 'sql') expect(files[`dags/sql/${t.id}.sql`]).toContain(t.sql);
    // The access-log pattern reaches Python with Python's named groups.
    expect(dag).toContain('(?P<status>\\\\d{3})');
  });

  it.runIf(hasPython)('exported to Airflow and run as its DAG says (Python, datalit_extract, the SQL files), loads the same tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datalit-reference-airflow-'));
    try {
      for (const [path, text] of Object.entries(airflowProject(pipeline))) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const inputs = await pipelineInputs(pipeline);
      const db = join(dir, 'warehouse.sqlite');
      copyFileSync(inputs.databaseFile, db);
      const config = { dags: join(dir, 'dags'), dag: join(dir, 'dags', `${pipeline.id}.py`), sql: join(dir, 'dags', 'sql'), db, lake: inputs.lakeDir, ds: record.ds };
      const out = spawnSync('python3', ['-c', RUN_EXPORTED], { input: JSON.stringify(config), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      expect(out.stderr).toBe('');
      expect((JSON.parse(out.stdout) as string[]).sort()).toEqual(pipeline.tasks.map((t) => t.id).sort());
      const exported = new SQL.Database(readFileSync(db));
      try {
        for (const { table, where } of LOADED) expect(multiset(exported, table, where), table).toEqual(multiset(reference, table, where));
      } finally {
        exported.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
