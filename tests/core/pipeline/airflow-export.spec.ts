import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { unzipSync, strFromU8 } from 'fflate';
import initSqlJs, { type SqlJsStatic, type SqlValue } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { airflowProject, airflowProjectZip, jsRegexToPython, pyIdentifier, tablesWrittenBy } from '../../../core/pipeline/airflow-export.ts';
import { loadExtract } from '../../../core/pipeline/extract.ts';
import { PipelineSchema, type Pipeline, type PipelineInput } from '../../../core/pipeline/schema.ts';
import { nodeLakeReader } from '../../../scripts/lib/node-lake.ts';

/**
 * The Airflow export: the DAG file parsed back gives the pipeline's tasks and dependencies; SQL
 * files keep `{{ ds }}`; hostile text cannot break the Python; and, when python3 is on the
 * machine, every .py file parses and the exported `datalit_extract.py` loads real and nasty lake
 * files into SQLite with exactly the rows and quarantined lines of the app's extractor.
 */

const LAKE = join(import.meta.dirname, '../../../public/datasets/lake/hanbit');
const ACCESS_PATTERN =
  '^(?<ip>\\S+) - - \\[(?<day>\\d{2})\\/(?<month>\\w{3})\\/(?<year>\\d{4}):(?<hour>\\d{2}):\\d{2}:\\d{2} \\+0900\\] "(?<method>\\S+) (?<path>\\S+) [^"]*" (?<status>\\d{3}) (?<bytes>\\d+) "[^"]*" "(?<agent>[^"]*)" (?<seconds>[\\d.]+)$';

const python = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] >= (3, 9))'], { encoding: 'utf8' });
const hasPython = python.status === 0 && python.stdout.trim() === 'True';
if (!hasPython) console.log('airflow-export.spec: python3 (3.9+) is not available, so the Python parse and datalit_extract comparisons are skipped');

function pipeline(input: Omit<PipelineInput, 'formatVersion'>): Pipeline {
  return PipelineSchema.parse({ formatVersion: 1, ...input });
}

const SAMPLE = pipeline({
  id: 'hanbit_sample',
  title: '광고비 적재 "sample" \\ pipeline',
  database: 'hanbit-warehouse-empty',
  tasks: [
    { id: 'extract_spend', kind: 'extract', path: 'exports/marketing_spend_{{ ds[:7] }}.csv', source: { format: 'csv' }, target: 'stg_spend' },
    { id: 'extract_access', kind: 'extract', path: 'access-logs/*.log.gz', source: { format: 'regex', pattern: ACCESS_PATTERN }, target: 'stg_access' },
    {
      id: 'load_spend',
      kind: 'sql',
      sql: "DELETE FROM marketing_spend WHERE spend_date = '{{ ds }}';\nINSERT INTO marketing_spend (spend_date, channel, campaign, spend_krw)\nSELECT date, channel, NULL, 0 FROM stg_spend WHERE date = '{{ ds }}';",
      note: 'He said "그만" \\ then left.\nSecond line with """ triple quotes and \u2028 a line separator',
    },
    { id: 'load_requests', kind: 'sql', sql: "DELETE FROM fact_web_requests_hourly WHERE hour LIKE '{{ ds }}%';" },
    { id: 'class', kind: 'sql', sql: "SELECT '{{ ds_nodash }}';" },
  ],
  edges: [
    { from: 'extract_spend', to: 'load_spend' },
    { from: 'extract_access', to: 'load_requests' },
    { from: 'load_spend', to: 'class' },
    { from: 'load_requests', to: 'class' },
  ],
  tables: [
    { table: 'marketing_spend', owner: '마케팅팀 "김"', purpose: 'spend per day | channel' },
    { table: 'fact_web_requests_hourly', owner: 'Platform', purpose: 'requests per hour' },
  ],
  schedule: { start: '2025-03-01', end: '2025-03-31' },
});

/** The DAG parsed back without Python: variable → task id, and the `a >> b` lines as task ids. */
function parseDagText(text: string): { tasks: string[]; edges: string[] } {
  const vars = new Map<string, string>();
  for (const m of text.matchAll(/^ {4}(\w+) = (?:SQLExecuteQueryOperator\(|extract_lake_files\.override\()\n {8}task_id="([^"]+)"/gm))
    vars.set(m[1] as string, m[2] as string);
  const edges = [...text.matchAll(/^ {4}(\w+) >> (\w+)$/gm)].map((m) => `${vars.get(m[1] as string)}>${vars.get(m[2] as string)}`);
  return { tasks: [...vars.values()], edges };
}

const edgeKeys = (p: Pipeline): string[] => p.edges.map((e) => `${e.from}>${e.to}`).sort();

/** Runs python3 on a script with the given JSON on stdin; returns its stdout parsed as JSON. */
function runPython(script: string, input: unknown): unknown {
  const out = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`python3 failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/** Python: the DAG file's tasks, edges and the literal values of some keyword arguments, read with ast. */
const AST_READER = String.raw`
import ast, json, sys
src = json.load(sys.stdin)["source"]
tree = ast.parse(src)
tasks, edges, kwargs = {}, [], {}
def task_id(call):
    while isinstance(call, ast.Call):
        for kw in call.keywords:
            if kw.arg == "task_id":
                return ast.literal_eval(kw.value)
        call = call.func.value if isinstance(call.func, ast.Attribute) else call.func
    return None
for node in ast.walk(tree):
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
        tid = task_id(node.value)
        if tid is not None:
            tasks[node.targets[0].id] = tid
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        edges.append([node.left.id, node.right.id])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("DAG", "SQLExecuteQueryOperator"):
        for kw in node.keywords:
            if kw.arg in ("description", "doc_md", "owner", "dag_id", "catchup", "max_active_runs", "sql"):
                try:
                    kwargs.setdefault(kw.arg, []).append(ast.literal_eval(kw.value))
                except ValueError:
                    kwargs.setdefault(kw.arg, []).append(ast.unparse(kw.value))
print(json.dumps({"tasks": tasks, "edges": [[tasks[a], tasks[b]] for a, b in edges], "kwargs": kwargs}))
`;

describe('airflowProject', () => {
  const files = airflowProject(SAMPLE);
  const dag = files['dags/hanbit_sample.py'] as string;

  it('writes the DAG, one SQL file per SQL task, the extract module, a README and requirements', () => {
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.md',
        'dags/datalit_extract.py',
        'dags/hanbit_sample.py',
        'dags/sql/class.sql',
        'dags/sql/load_requests.sql',
        'dags/sql/load_spend.sql',
        'hanbit_sample.pipeline.json',
        'requirements.txt',
      ].sort(),
    );
    expect(files['requirements.txt']).toMatch(/^apache-airflow[>=<, .0-9]*$/m);
    expect(files['requirements.txt']).toContain('apache-airflow-providers-common-sql');
    expect(files['requirements.txt']).toContain('apache-airflow-providers-sqlite');
    expect(files['dags/datalit_extract.py']).not.toMatch(/^\s*(import|from)\s+airflow/m);
  });

  it('has the tasks and the >> dependencies of the pipeline', () => {
    const parsed = parseDagText(dag);
    expect(parsed.tasks.sort()).toEqual(SAMPLE.tasks.map((t) => t.id).sort());
    expect(parsed.edges.sort()).toEqual(edgeKeys(SAMPLE));
  });

  it('uses the Airflow 3 SDK and the common-sql operator with a connection and SQL files', () => {
    expect(dag).toContain('from airflow.sdk import DAG, CronDataIntervalTimetable, Variable, task');
    expect(dag).toContain('from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator');
    expect(dag).not.toMatch(/airflow\.(operators|decorators|models)\b/);
    expect(dag).toContain('start_date=pendulum.datetime(2025, 3, 1, tz="Asia/Seoul")');
    expect(dag).toContain('end_date=pendulum.datetime(2025, 3, 31, tz="Asia/Seoul")');
    expect(dag).toContain('catchup=True');
    expect(dag).toContain('max_active_runs=1');
    expect(dag).toContain('template_searchpath=[str(SQL_DIR)]');
    expect(dag).toMatch(/"retries": 2,\n\s+"retry_delay": timedelta\(minutes=5\)/);
    expect(dag.match(/^ {8}conn_id=CONN_ID,$/gm)?.length).toBe(3);
    expect(dag).toContain('sql="load_spend.sql"');
    // An open schedule does not catch up; no schedule at all is a manual DAG.
    const open = airflowProject({ ...SAMPLE, schedule: { start: '2025-03-01', cron: '@daily' } })['dags/hanbit_sample.py'];
    expect(open).toContain('catchup=False');
    const manual = airflowProject({ ...SAMPLE, schedule: undefined })['dags/hanbit_sample.py'];
    expect(manual).toContain('schedule=None');
  });

  it('keeps each SQL task verbatim with its {{ ds }} in dags/sql/<task_id>.sql', () => {
    for (const t of SAMPLE.tasks) {
      if (t.kind !== 'sql') continue;
      const sql = files[`dags/sql/${t.id}.sql`] as string;
      expect(sql).toContain(t.sql);
      expect(sql.split('\n')[0]).toMatch(/^-- /);
    }
    expect(files['dags/sql/load_spend.sql']).toContain("WHERE spend_date = '{{ ds }}'");
    expect(files['dags/sql/class.sql']).toContain('{{ ds_nodash }}');
  });

  it('records owner and purpose of each table in the docs, and the task that loads it gets its owner', () => {
    expect(dag).toContain('| marketing_spend | 마케팅팀 \\"김\\" | spend per day \\\\| channel |');
    expect(dag).toContain('owner="Platform"');
    expect(files['README.md']).toContain("AIRFLOW_CONN_DATALIT_WAREHOUSE='sqlite:///abs/path/warehouse.sqlite'");
    expect(files['README.md']).toContain('airflow connections add datalit_warehouse --conn-type sqlite --conn-host /abs/path/warehouse.sqlite');
    expect(files['README.md']).toContain('AIRFLOW_VAR_DATALIT_LAKE_DIR');
  });

  it('refuses a pipeline whose tasks form a cycle, naming them', () => {
    const cyclic = { ...SAMPLE, edges: [...SAMPLE.edges, { from: 'class', to: 'extract_spend' }] };
    expect(() => airflowProject(cyclic)).toThrow(/extract_spend.*load_spend.*class|class.*extract_spend/);
  });

  it('zips the same files under a <dag_id>/ folder, byte for byte the same each time', () => {
    const zip = airflowProjectZip(SAMPLE);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual(Object.keys(files).map((p) => `hanbit_sample/${p}`).sort());
    for (const [path, text] of Object.entries(files)) expect(strFromU8(entries[`hanbit_sample/${path}`] as Uint8Array)).toBe(text);
    expect(airflowProjectZip(SAMPLE)).toEqual(zip);
  });
});

describe('npm run pipeline -- export-airflow', () => {
  it('writes the project into a folder and lists its files', () => {
    const out = mkdtempSync(join(tmpdir(), 'datalit-airflow-cli-'));
    try {
      const file = join(out, 'sample.pipeline.json');
      writeFileSync(file, JSON.stringify(SAMPLE));
      const script = join(import.meta.dirname, '../../../scripts/pipeline.ts');
      const res = spawnSync(process.execPath, [script, 'export-airflow', file, join(out, 'project')], { encoding: 'utf8' });
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      const printed = JSON.parse(res.stdout) as { files: string[] };
      expect(printed.files.sort()).toEqual(Object.keys(airflowProject(SAMPLE)).sort());
      const dag = readFileSync(join(out, 'project', 'dags', 'hanbit_sample.py'), 'utf8');
      expect(dag).toBe(airflowProject(SAMPLE)['dags/hanbit_sample.py']);
      const usage = spawnSync(process.execPath, [script, 'export-airflow', file], { encoding: 'utf8' });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain('export-airflow <pipeline.json> <dir>');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('helpers', () => {
  it('makes valid, distinct Python names of task ids, keywords and the DAG file names included', () => {
    const taken = new Set<string>();
    const names = ['class', 'dag', 'task', 'load', 'load', 'DAG', 'x-y', '9lives'].map((id) => pyIdentifier(id, taken));
    expect(names).toEqual(['class_task', 'dag_task', 'task_task', 'load', 'load_2', 'DAG_task', 'x_y', 't_9lives']);
  });

  it('turns JavaScript named groups into Python ones and leaves lookbehinds and classes alone', () => {
    // `\(?<c>` is an escaped parenthesis made optional, then '<c>': not a group.
    expect(jsRegexToPython('[]a[^]')).toBe('(?!)a[\\s\\S]');
    expect(jsRegexToPython('(?<a>x)(?<=y)(?<!z)[(?<b>]\\k<a>\\(?<c>')).toBe('(?P<a>x)(?<=y)(?<!z)[(?<b>](?P=a)\\(?<c>');
  });

  it('finds the tables a SQL task writes', () => {
    expect(tablesWrittenBy("DELETE FROM t1 WHERE d='x'; -- INSERT INTO nope\nINSERT OR REPLACE INTO \"T2\" SELECT 1; UPDATE t3 SET a=1; CREATE TABLE IF NOT EXISTS t4 (a)")).toEqual([
      't1',
      't2',
      't3',
      't4',
    ]);
  });
});

describe.runIf(hasPython)('the exported Python', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'datalit-airflow-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses (ast) in every .py file, with the tasks, dependencies and hostile strings intact', () => {
    const hostile = pipeline({
      ...SAMPLE,
      title: 'quote " apostrophe \' backslash \\ 한글 """ {{ ds }} \u2028 \u0000 end\\',
      tasks: SAMPLE.tasks.map((t) => (t.id === 'load_spend' ? { ...t, note: 'a "note" \\n not a newline\n\t탭 \'\'\' """ \\' } : t)),
    });
    const project = airflowProject(hostile);
    for (const [path, text] of Object.entries(project)) {
      if (!path.endsWith('.py')) continue;
      const out = runPython('import ast, json, sys; ast.parse(json.load(sys.stdin)); print("true")', text);
      expect(out, path).toBe(true);
    }
    const read = runPython(AST_READER, { source: project['dags/hanbit_sample.py'] }) as {
      tasks: Record<string, string>;
      edges: [string, string][];
      kwargs: Record<string, unknown[]>;
    };
    expect(Object.values(read.tasks).sort()).toEqual(hostile.tasks.map((t) => t.id).sort());
    expect(read.edges.map(([a, b]) => `${a}>${b}`).sort()).toEqual(edgeKeys(hostile));
    expect(read.kwargs.description).toEqual([hostile.title]);
    expect(read.kwargs.dag_id).toEqual(['hanbit_sample']);
    expect(read.kwargs.max_active_runs).toEqual([1]);
    expect(read.kwargs.catchup).toEqual([true]);
    expect(read.kwargs.sql?.sort()).toEqual(['class.sql', 'load_requests.sql', 'load_spend.sql']);
    expect(read.kwargs.doc_md?.some((d) => typeof d === 'string' && d.includes('a "note" \\n not a newline\n\t탭'))).toBe(true);
  });

  /** Loads each extract task of `p` with the TypeScript extractor and with the exported Python; returns both databases' tables. */
  async function bothExtracts(SQL: SqlJsStatic, p: Pipeline, lake: string, ds: string) {
    const project = airflowProject(p);
    const out = join(dir, p.id);
    for (const [path, text] of Object.entries(project)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), text);
    }
    const dbFile = join(out, 'python.sqlite');
    // The Python side reads the reading rules from the exported DAG itself (EXTRACTS) and the path the DAG passes.
    const pyCounts = runPython(
      String.raw`
import ast, json, sqlite3, sys
cfg = json.load(sys.stdin)
sys.path.insert(0, cfg["dags"])
import datalit_extract
tree = ast.parse(open(cfg["dag"], encoding="utf-8").read())
extracts = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "EXTRACTS")
paths = {}
for n in ast.walk(tree):
    if isinstance(n, ast.Call) and any(k.arg == "extract_id" for k in n.keywords):
        kw = {k.arg: ast.literal_eval(k.value) for k in n.keywords}
        paths[kw["extract_id"]] = kw["path"].replace("{{ ds[:7] }}", cfg["ds"][:7]).replace("{{ ds }}", cfg["ds"])
conn = sqlite3.connect(cfg["db"])
counts = {}
for task_id, spec in extracts.items():
    c = datalit_extract.extract(conn, cfg["lake"], paths[task_id], spec, spec["target"], spec["mode"])
    counts[task_id] = [c["rows_read"], c["rows_written"], c["rows_quarantined"]]
conn.commit()
print(json.dumps(counts))
`,
      { dags: join(out, 'dags'), dag: join(out, 'dags', `${p.id}.py`), db: dbFile, lake, ds },
    ) as Record<string, number[]>;
    const pyDb = new SQL.Database(readFileSync(dbFile));
    const tsDb = new SQL.Database();
    const tsCounts: Record<string, number[]> = {};
    for (const t of p.tasks) {
      if (t.kind !== 'extract') continue;
      const path = t.path.replace('{{ ds[:7] }}', ds.slice(0, 7)).replace('{{ ds }}', ds);
      const r = await loadExtract(tsDb, nodeLakeReader(lake), { path, source: t.source, target: t.target, mode: t.mode });
      tsCounts[t.id] = [r.rowsRead, r.rowsWritten, r.rowsQuarantined];
    }
    const dump = (db: InstanceType<SqlJsStatic['Database']>, table: string): { columns: string[]; rows: SqlValue[][] } => {
      const res = db.exec(`SELECT * FROM "${table}" ORDER BY _file, _line`)[0];
      const columns = db.exec(`SELECT name FROM pragma_table_info('${table}')`)[0]?.values.map((r) => String(r[0])) ?? [];
      return { columns, rows: res?.values ?? [] };
    };
    const tables = p.tasks.flatMap((t) => (t.kind === 'extract' ? [t.target, `${t.target}__quarantine`] : []));
    const result = { pyCounts, tsCounts, tables: tables.map((table) => ({ table, py: dump(pyDb, table), ts: dump(tsDb, table) })) };
    pyDb.close();
    tsDb.close();
    return result;
  }

  /** Quarantine rows compared with the reason of invalid JSON cut to its prefix (the parsers' messages differ). */
  const comparable = (rows: SqlValue[][]): SqlValue[][] =>
    rows.map((r) => r.map((v, i) => (i === 2 && typeof v === 'string' && v.startsWith('invalid JSON: ') ? 'invalid JSON: …' : v)));

  it('loads real lake files (CSV with a BOM, events .jsonl.gz, access logs by regex) exactly as the app does', async () => {
    const SQL = await initSqlJs();
    const real = pipeline({
      id: 'real_lake',
      database: 'hanbit-warehouse-empty',
      tasks: [
        { id: 'extract_spend', kind: 'extract', path: 'exports/marketing_spend_{{ ds[:7] }}.csv', source: { format: 'csv' }, target: 'stg_spend' },
        { id: 'extract_events', kind: 'extract', path: 'events/2024-07.jsonl.gz', source: { format: 'jsonl' }, target: 'stg_events' },
        { id: 'extract_access', kind: 'extract', path: 'access-logs/access-2025-12-1?.log.gz', source: { format: 'regex', pattern: ACCESS_PATTERN }, target: 'stg_access' },
      ],
    });
    const { pyCounts, tsCounts, tables } = await bothExtracts(SQL, real, LAKE, '2025-03-01');
    expect(pyCounts).toEqual(tsCounts);
    // Real data: thousands of rows each, and the 2025 spend file starts with a BOM that must not reach the header.
    expect(tsCounts.extract_spend?.[1]).toBeGreaterThan(100);
    expect(tsCounts.extract_events?.[1]).toBeGreaterThan(1000);
    expect(tsCounts.extract_access?.[1]).toBeGreaterThan(1000);
    for (const { table, py, ts } of tables) {
      expect(py.columns, table).toEqual(ts.columns);
      expect(py.rows.length, table).toBe(ts.rows.length);
      expect(py.rows, table).toEqual(ts.rows);
    }
    expect(tables.find((t) => t.table === 'stg_spend')?.ts.columns).toContain('Date');
  });

  it('loads nasty files (BOM, ; and CRLF, quoted newlines, ragged rows, stray quotes, EUC-KR, bad JSON, odd numbers) exactly as the app does', async () => {
    const SQL = await initSqlJs();
    const lake = join(dir, 'nasty-lake');
    mkdirSync(join(lake, 'in'), { recursive: true });
    const euc = Buffer.from([0xc7, 0xd1, 0xb1, 0xdb]); // '한글' in EUC-KR
    writeFileSync(
      join(lake, 'in', 'orders.csv'),
      Buffer.concat([
        Buffer.from(
          '\ufeffid;name;note;Name\r\n1;"Kim; Minjun";"two\r\nlines";x\r\n2;Lee;short\r\n3;a;b;c;d\r\n\r\n4;"x" ;"y"  ;z\r\n5;a"b;"c""d";e\r\n6;"stray"quote;f;g\r\n7;',
        ),
        euc,
        Buffer.from(';ok;\r\n8;"never closed;x\r\n9;y;z;w\r\n'),
      ]),
    );
    writeFileSync(join(lake, 'in', 'plain.csv'), 'a,b\n1,2\n\n3\n"4",5\n');
    const jsonl = [
      '{"id":1,"f":1.0,"big":12345678901234567890,"tiny":1e-7,"huge":1e21,"neg":-0.5,"t":true,"n":null,"nested":{"b":[1,2.50,{"z":"한"}],"2":"two","1":"one"}}',
      '{"id":2, "b":1, "2":"x", "1":"y", "ID":"dup case", "b":2}',
      '{"id":3, "s":"quote \\" and \\u00e9 and \\ud83d\\ude00", "o":{"lone":"\\ud800","ctl":"\\u0001\\t"}}',
      '{"id":4 "missing comma"}',
      '[1,2,3]',
      '',
      '   ',
      '{"id":5, "x":NaN}',
      '"just a string"',
      '{"_file":"clash","_line":7,"id":6}',
    ].join('\r\n');
    writeFileSync(join(lake, 'in', 'events.jsonl.gz'), gzipSync(Buffer.from(`${jsonl}\n`)));
    writeFileSync(join(lake, 'in', 'bad-utf8.jsonl'), Buffer.concat([Buffer.from('{"id":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n{"id":2}\n')]));
    writeFileSync(
      join(lake, 'in', 'app.log'),
      Buffer.concat([
        Buffer.from('2025-01-01 INFO started\n2025-01-01\u00a0WARN nbsp separated\nnot a log line\n\n2025-01-02 ERROR '),
        euc,
        Buffer.from('\n2025-01-03 DEBUG\n'),
      ]),
    );
    const nasty = pipeline({
      id: 'nasty_lake',
      database: 'hanbit-warehouse-empty',
      tasks: [
        { id: 'x_orders', kind: 'extract', path: 'in/orders.csv', source: { format: 'csv' }, target: 'stg_orders' },
        { id: 'x_plain', kind: 'extract', path: 'in/plain.csv', source: { format: 'csv', delimiter: ',' }, target: 'stg_plain' },
        { id: 'x_events', kind: 'extract', path: 'in/*.jsonl*', source: { format: 'jsonl' }, target: 'stg_events' },
        { id: 'x_log', kind: 'extract', path: 'in/app.log', source: { format: 'regex', pattern: '^(?<date>\\d{4}-\\d{2}-\\d{2})\\s(?<level>[A-Z]+)(?: (?<msg>.+))?$' }, target: 'stg_log' },
      ],
    });
    const { pyCounts, tsCounts, tables } = await bothExtracts(SQL, nasty, lake, '2025-01-01');
    expect(pyCounts).toEqual(tsCounts);
    // Something of each kind was quarantined, and rows were loaded too (the comparison is not of empty tables).
    for (const id of ['x_orders', 'x_plain', 'x_events', 'x_log']) {
      expect(tsCounts[id]?.[1], id).toBeGreaterThan(0);
      expect(tsCounts[id]?.[2], id).toBeGreaterThan(0);
    }
    for (const { table, py, ts } of tables) {
      expect(py.columns, table).toEqual(ts.columns);
      expect(comparable(py.rows), table).toEqual(comparable(ts.rows));
    }
  });
});
