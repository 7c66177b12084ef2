/**
 * Export of a model project as a dbt project that runs offline with dbt-core 1.10 and either the
 * dbt-sqlite or the dbt-duckdb adapter. The workbench reads its sources from a warehouse database
 * that a plain dbt install does not have, so the rows of every declared source table are written
 * as seeds (CSV, NULL as an empty field) and the sources are pointed at where `dbt seed` puts them
 * (schema `main`, identifier = the seed). Each model that reads a source gets a `-- depends_on:`
 * line naming the seed, dbt's own way to order a node after one it does not `ref`, so `dbt build`
 * alone loads the seeds before the models. YAML tests are written in dbt 1.10's form
 * (`data_tests:`, arguments under `arguments:`, configs under `config:`), and every seed column
 * gets a `column_types` entry so its values load as the warehouse typed them (dbt then reads the
 * CSV column as text: no leading zero or date is reinterpreted).
 */
import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import type { ModelEngine } from './engine.ts';
import { DATABASE_VAR, loadProject, PROJECT_FILE } from './load-project.ts';
import type { ModelProjectFiles } from './project.ts';

/** A table's rows as read from a database: column names, declared SQLite types, values. */
export interface TableRows {
  columns: string[];
  /** Declared column types ('INTEGER', 'TEXT', ...; '' when undeclared), one per column. */
  types: string[];
  rows: unknown[][];
}

/** Reads a table of the warehouse (or the built database) by name; null when there is no such table. */
export type ReadTable = (table: string) => TableRows | null | Promise<TableRows | null>;

/**
 * A ReadTable over the database a project builds in (the app's worker and the command line
 * both have one): declared types from `pragma_table_info`, then every row.
 */
export function modelEngineReadTable(engine: ModelEngine): ReadTable {
  return async (table) => {
    if ((await engine.relationType(table)) === null) return null;
    const name = `'${table.replace(/'/g, "''")}'`;
    const info = await engine.run(`select name, type from pragma_table_info(${name}) order by cid`, Number.MAX_SAFE_INTEGER);
    const rows = await engine.run(`select * from main."${table.replace(/"/g, '""')}"`, Number.MAX_SAFE_INTEGER);
    if (!info || !rows) return null;
    const declared = new Map(info.rows.map((r) => [String(r[0]), String(r[1] ?? '')]));
    const columns = rows.columns.map((c) => c.name);
    return { columns, types: columns.map((c) => declared.get(c) ?? ''), rows: rows.rows };
  };
}

/** What the export needs besides the project. */
export interface DbtExportOptions {
  readTable: ReadTable;
  /** File name of the SQLite database dbt-sqlite writes (default `<project>.sqlite`). */
  sqliteFile?: string;
  /** File name of the DuckDB database dbt-duckdb writes (default `<project>.duckdb`). */
  duckdbFile?: string;
}

/** A source table written as a seed. */
export interface ExportedSeed {
  source: string;
  table: string;
  seed: string;
  rows: number;
}

/** The exported project: its files (as a project folder) and what became seeds. */
export interface DbtExport {
  files: ModelProjectFiles;
  seeds: ExportedSeed[];
}

/** A source table the database does not have: the export cannot write its seed. */
export class DbtExportError extends Error {
  readonly ko: string;
  readonly en: string;
  constructor(ko: string, en: string) {
    super(en);
    this.name = 'DbtExportError';
    this.ko = ko;
    this.en = en;
  }
}

/** Generic-test keys that are configs, not arguments (dbt's test configs). */
const TEST_CONFIG_KEYS = new Set([
  'severity',
  'where',
  'limit',
  'tags',
  'meta',
  'enabled',
  'warn_if',
  'error_if',
  'fail_calc',
  'store_failures',
  'store_failures_as',
  'alias',
  'database',
  'schema',
]);

/** Keys of a generic test entry that stay where they are. */
const TEST_OWN_KEYS = new Set(['arguments', 'config', 'name', 'test_name', 'description', 'column_name']);

/**
 * A column type both adapters understand and that keeps the warehouse's values: SQLite reads
 * `bigint` as INTEGER affinity, `double` as REAL and `varchar` as TEXT, and DuckDB has all three.
 */
function portableType(declared: string): string {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'bigint';
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return 'double';
  return 'varchar';
}

function csvCell(v: unknown): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return typeof v === 'bigint' ? v.toString() : v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  return String(v);
}

/** A table as seed CSV: header, RFC 4180 quoting where needed, NULL as an empty field, LF line ends. */
export function toSeedCsv(table: TableRows): string {
  const body = Papa.unparse(
    { fields: table.columns, data: table.rows.map((r) => r.map(csvCell)) },
    { newline: '\n', quotes: (value: unknown) => typeof value === 'string' && /^\s|\s$/.test(value) },
  );
  return `${body}\n`;
}

function projectNameOf(doc: Document): string {
  const name = doc.get('name');
  return typeof name === 'string' && name ? name : 'datalit_project';
}

/** Moves a generic test's arguments under `arguments:` and its configs under `config:` (dbt 1.10's form). */
function normaliseTest(doc: Document, entry: unknown): void {
  if (!isMap(entry)) return;
  // `- unique: {...}` (one key, the test's name) or `- name: x / test_name: unique` (flat form)
  const flat = entry.has('test_name');
  const body: YAMLMap | null = flat ? entry : entry.items.length === 1 && isMap(entry.items[0]?.value) ? (entry.items[0]?.value as YAMLMap) : null;
  if (!body) return;
  const move: { key: string; to: 'arguments' | 'config' }[] = [];
  for (const pair of body.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (TEST_OWN_KEYS.has(key)) continue;
    if (flat && key === 'name') continue;
    move.push({ key, to: TEST_CONFIG_KEYS.has(key) ? 'config' : 'arguments' });
  }
  for (const { key, to } of move) {
    const value = body.get(key, true);
    body.delete(key);
    let target: unknown = body.get(to, true);
    if (!isMap(target)) {
      target = doc.createNode({});
      body.set(to, target);
    }
    (target as YAMLMap).set(key, value);
  }
}

/** Renames `tests:` to `data_tests:` in one node and normalises each test in the list. */
function normaliseTestsIn(doc: Document, node: unknown): void {
  if (!isMap(node)) return;
  const old = node.get('tests', true);
  if (old !== undefined) {
    const current = node.get('data_tests', true);
    node.delete('tests');
    if (isSeq(current) && isSeq(old)) for (const item of old.items) current.items.push(item);
    else node.set('data_tests', old);
  }
  const list = node.get('data_tests', true);
  if (isSeq(list)) for (const item of list.items) normaliseTest(doc, item);
}

/** Every `tests:` / `data_tests:` of a YAML properties file, in models, seeds, sources, columns. */
function normaliseYamlTests(doc: Document): void {
  for (const section of ['models', 'seeds', 'snapshots']) {
    const list = doc.get(section, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      normaliseTestsIn(doc, item);
      const cols = isMap(item) ? item.get('columns', true) : null;
      if (isSeq(cols)) for (const c of cols.items) normaliseTestsIn(doc, c);
    }
  }
  const sources = doc.get('sources', true);
  if (isSeq(sources)) {
    for (const src of sources.items) {
      if (!isMap(src)) continue;
      const tables = src.get('tables', true);
      if (!isSeq(tables)) continue;
      for (const t of tables.items) {
        normaliseTestsIn(doc, t);
        const cols = isMap(t) ? t.get('columns', true) : null;
        if (isSeq(cols)) for (const c of cols.items) normaliseTestsIn(doc, c);
      }
    }
  }
}

/** Points every source of a YAML file at the seeds: schema main, no database, identifier = seed. */
function pointSourcesAtSeeds(doc: Document, seedOf: Map<string, string>): boolean {
  const sources = doc.get('sources', true);
  if (!isSeq(sources)) return false;
  let changed = false;
  for (const src of sources.items) {
    if (!isMap(src)) continue;
    const name = String(src.get('name'));
    src.delete('database');
    src.set('schema', 'main');
    const tables = src.get('tables', true);
    if (!isSeq(tables)) continue;
    for (const t of tables.items) {
      if (!isMap(t)) continue;
      const seed = seedOf.get(`${name}.${String(t.get('name'))}`);
      if (seed) t.set('identifier', seed);
    }
    changed = true;
  }
  return changed;
}

const SOURCE_CALL = /\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g;

function profilesYml(profile: string, sqliteFile: string, duckdbFile: string): string {
  const q = (s: string) => JSON.stringify(s);
  return `# Connection profiles for this project. dbt looks for profiles.yml in the folder it runs in
# first, so nothing needs to go into ~/.dbt. The sqlite target is the default; use --target duckdb
# for DuckDB.
${q(profile)}:
  target: sqlite
  outputs:
    sqlite:
      type: sqlite
      threads: 1
      # dbt-sqlite ignores the database name, but dbt requires one
      database: database
      schema: main
      schemas_and_paths:
        main: ${q(sqliteFile)}
      # where dbt-sqlite would create a file for a new schema (this project uses only main)
      schema_directory: "."
    duckdb:
      type: duckdb
      path: ${q(duckdbFile)}
      threads: 1
`;
}

function readme(name: string, seeds: ExportedSeed[], sqliteFile: string, duckdbFile: string): string {
  const seedLines = seeds.length
    ? seeds.map((s) => `- \`seeds/${s.seed}.csv\`: source \`${s.source}.${s.table}\` (${s.rows} rows)`).join('\n')
    : '- (none: the project reads only its own seeds)';
  return `# ${name}

Exported from Datalit Studio's model workbench as a dbt project. It runs offline with
dbt-core 1.10 (1.10.5 or newer, for the \`arguments:\` form of tests) and the dbt-sqlite or
dbt-duckdb adapter.

## Run it

\`\`\`sh
python3 -m venv .venv
. .venv/bin/activate                        # Windows: .venv\\Scripts\\activate
pip install "dbt-core>=1.10.5,<1.11" "dbt-sqlite>=1.10"   # or: "dbt-duckdb>=1.9"

dbt build --profiles-dir .                  # SQLite: writes ${sqliteFile}
dbt build --profiles-dir . --target duckdb  # DuckDB: writes ${duckdbFile}
\`\`\`

\`dbt build\` loads the seeds, builds the models in dependency order and runs every test. The
models that read a source carry a \`-- depends_on:\` line naming its seed so the seeds always load
first; \`dbt seed --profiles-dir . && dbt build --profiles-dir .\` does the same in two steps.

## What the seeds are

In the workbench the sources are tables of a warehouse database; here their rows are seeds, and the
sources in the YAML point at them (schema \`main\`, identifier = the seed):

${seedLines}

CSV has no NULL: an empty field is NULL when dbt loads a seed (so is the text \`null\`), and an
empty string in the warehouse comes back as NULL. Column types are fixed in \`dbt_project.yml\`
(\`+column_types\`) so dates stay text and numbers stay numbers.

The models are SQLite SQL. DuckDB runs most of it as is; SQLite-only functions (\`strftime\`,
\`julianday\`) may need DuckDB's equivalents there.

## 실행 방법

\`\`\`sh
pip install "dbt-core>=1.10.5,<1.11" "dbt-sqlite>=1.10"   # DuckDB라면 "dbt-duckdb>=1.9"
dbt build --profiles-dir .                  # SQLite (${sqliteFile})
dbt build --profiles-dir . --target duckdb  # DuckDB (${duckdbFile})
\`\`\`

\`dbt build\`가 시드를 읽어 들이고, 모델을 의존 순서대로 만들고, 모든 테스트를 실행합니다. 웨어하우스의
소스 테이블은 \`seeds/\`의 CSV로 들어 있고, YAML의 소스가 그 시드를 가리킵니다. CSV에는 NULL이
없으므로 빈 칸이 NULL로 읽힙니다.
`;
}

/**
 * The project as a dbt project folder: its own files (YAML tests in dbt 1.10's form, sources
 * pointed at seeds), the source tables' rows as seeds, dbt_project.yml with a profile, paths and
 * seed column types, profiles.yml for dbt-sqlite and dbt-duckdb, and a README with the commands.
 * Throws DbtExportError when a declared source table is not in the database.
 */
export async function exportDbtProject(input: ModelProjectFiles, options: DbtExportOptions): Promise<DbtExport> {
  const loaded = loadProject(input);
  const projectDoc = parseDocument(input.files[PROJECT_FILE] ?? '');
  const name = projectNameOf(projectDoc);
  const sqliteFile = options.sqliteFile ?? `${name}.sqlite`;
  const duckdbFile = options.duckdbFile ?? `${name}.duckdb`;

  // Seeds for the source tables, named after their table (prefixed if a model or seed has the name)
  const taken = new Set([...loaded.models.map((m) => m.name), ...loaded.seeds.map((s) => s.name)]);
  const seedOf = new Map<string, string>();
  const seeds: ExportedSeed[] = [];
  const out: Record<string, string> = {};
  const columnTypes: Record<string, Record<string, string>> = {};
  for (const src of loaded.sources) {
    const key = `${src.source}.${src.table}`;
    if (seedOf.has(key)) continue;
    const data = await options.readTable(src.identifier);
    if (!data) {
      throw new DbtExportError(
        `소스 ${key}가 가리키는 테이블 '${src.identifier}'이 데이터베이스에 없어 시드로 내보낼 수 없습니다.`,
        `The source ${key} names the table '${src.identifier}', which is not in the database, so it cannot be exported as a seed.`,
      );
    }
    let seed = src.identifier;
    while (taken.has(seed)) seed = `raw_${seed}`;
    taken.add(seed);
    seedOf.set(key, seed);
    out[`seeds/${seed}.csv`] = toSeedCsv(data);
    columnTypes[seed] = Object.fromEntries(data.columns.map((c, i) => [c, portableType(data.types[i] ?? '')]));
    seeds.push({ source: src.source, table: src.table, seed, rows: data.rows.length });
  }

  for (const [path, text] of Object.entries(input.files)) {
    if (path === PROJECT_FILE) continue;
    if (/\.ya?ml$/i.test(path) && /^(models|seeds|snapshots)\//.test(path)) {
      const doc = parseDocument(text);
      if (doc.errors.length) {
        out[path] = text; // dbt will report the error at its line, as the workbench did
        continue;
      }
      normaliseYamlTests(doc);
      pointSourcesAtSeeds(doc, seedOf);
      out[path] = doc.toString({ lineWidth: 0 });
    } else if (/\.sql$/i.test(path) && path.startsWith('models/')) {
      const used = [...new Set([...text.matchAll(SOURCE_CALL)].map((m) => seedOf.get(`${m[1]}.${m[2]}`)).filter((s): s is string => !!s))];
      const lines = used.map((s) => `-- depends_on: {{ ref('${s}') }}\n`).join('');
      out[path] = lines + text;
    } else {
      out[path] = text;
    }
  }

  // dbt_project.yml: profile, explicit paths, seed column types.
  if (!projectDoc.has('name')) projectDoc.set('name', name);
  projectDoc.set('config-version', 2);
  if (!projectDoc.has('profile')) projectDoc.set('profile', name);
  for (const [key, dir] of [
    ['model-paths', 'models'],
    ['seed-paths', 'seeds'],
    ['test-paths', 'tests'],
    ['macro-paths', 'macros'],
  ] as const) {
    if (!projectDoc.has(key)) projectDoc.set(key, projectDoc.createNode([dir], { flow: true }));
  }
  if (!projectDoc.has('target-path')) projectDoc.set('target-path', 'target');
  // The export is self-contained: its data is the seeds, so it no longer starts from a catalog
  // database (the workbench, importing it back, builds it on an empty one).
  if (projectDoc.hasIn(['vars', DATABASE_VAR])) {
    projectDoc.deleteIn(['vars', DATABASE_VAR]);
    const vars = projectDoc.get('vars', true);
    if (isMap(vars) && vars.items.length === 0) projectDoc.delete('vars');
  }
  for (const [seed, types] of Object.entries(columnTypes)) {
    projectDoc.setIn(['seeds', name, seed, '+column_types'], projectDoc.createNode(types));
  }
  const profile = String(projectDoc.get('profile'));
  out[PROJECT_FILE] = projectDoc.toString({ lineWidth: 0 });
  out['profiles.yml'] = profilesYml(profile, sqliteFile, duckdbFile);
  if (!out['README.md']) out['README.md'] = readme(name, seeds, sqliteFile, duckdbFile);
  if (!out['.gitignore']) out['.gitignore'] = `target/\ndbt_packages/\nlogs/\n${sqliteFile}\n${duckdbFile}\n.venv/\n`;

  const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k] as string]));
  return { files: { files: sorted }, seeds };
}

/** The project's files as a zip, inside one folder named after the project (as a zipped folder is). */
export function dbtProjectZip(project: ModelProjectFiles, folder?: string): Uint8Array {
  let name = folder;
  if (name === undefined) {
    const doc = parseDocument(project.files[PROJECT_FILE] ?? '');
    name = projectNameOf(doc);
  }
  const prefix = name ? `${name.replace(/[/\\]/g, '_')}/` : '';
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(project.files)) entries[prefix + path] = strToU8(text);
  return zipSync(entries, { level: 6 });
}
