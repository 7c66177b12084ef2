import { strToU8, zipSync } from 'fflate';
import { createGraph, topoOrder } from '../graph/graph.ts';
import type { ExtractTask, Pipeline, PipelineTask, SqlTask } from './schema.ts';
import { DATALIT_EXTRACT_PY } from './airflow-extract-py.ts';

/**
 * Exports a saved pipeline as a real Airflow 3 project: one DAG file written with the Task SDK
 * (`airflow.sdk`), the SQL of each task in `dags/sql/<task_id>.sql` run by the common-sql
 * provider's `SQLExecuteQueryOperator`, extract tasks as Python `@task`s that read the same lake
 * files with the same rules as the app's extractor (the rules live in `dags/datalit_extract.py`,
 * a plain module with no Airflow import, so it can be tested and run on its own), plus a
 * README and requirements.txt. Everything the learner typed ends up inside Python string
 * literals or SQL files, never in Python code or comments, so quotes, backslashes, newlines or
 * Korean text in a note cannot break the DAG file.
 */

/** Options of an export. */
export interface AirflowExportOptions {
  /** The Airflow connection id of the warehouse (default 'datalit_warehouse'). */
  connId?: string;
  /** The Airflow Variable that holds the lake folder (default 'datalit_lake_dir'). */
  lakeVariable?: string;
  /** Retries of every task (default 2) and the delay between them in minutes (default 5). */
  retries?: number;
  retryDelayMinutes?: number;
}

/** A project's files: path (with `/`) → text. */
export type AirflowProjectFiles = Record<string, string>;

const DEFAULT_CONN_ID = 'datalit_warehouse';
const DEFAULT_LAKE_VARIABLE = 'datalit_lake_dir';
/** When the pipeline has no schedule: the first day of the Hanbit Market period (a manual-only DAG still needs a start). */
const DEFAULT_START = '2024-07-01';
const TIMEZONE = 'Asia/Seoul';

/** Python's keywords and soft keywords, and the names the DAG file itself defines or imports. */
const RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type', '_',
  'annotations', 'timedelta', 'Path', 'pendulum', 'DAG', 'task', 'Variable', 'CronDataIntervalTimetable',
  'SQLExecuteQueryOperator', 'SqliteHook', 'datalit_extract', 'dag', 'CONN_ID', 'LAKE_VARIABLE', 'SQL_DIR',
  'EXTRACTS', 'DOC_MD', 'extract_lake_files', 'default_args', 'print', 'str', 'dict', 'int', 'list',
]);

/**
 * A Python string literal of `text`: double-quoted, with backslashes, quotes and every control or
 * line-separator character escaped; printable Unicode (Korean) is kept as it is for readability.
 */
export function pyString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const code = text.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair is one character in Python's UTF-8 source.
        out += ch + (text[i + 1] ?? '');
        i++;
      } else out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff))
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A Python expression for a long text: adjacent string literals, one per line, inside parentheses. */
function pyText(text: string, indent: string): string {
  const lines = text.split('\n');
  if (lines.length === 1) return pyString(text);
  const parts = lines.map((line, i) => `${indent}    ${pyString(i < lines.length - 1 ? `${line}\n` : line)}`);
  if (lines[lines.length - 1] === '') parts.pop();
  return `(\n${parts.join('\n')}\n${indent})`;
}

/** A valid Python identifier for a task id, unique among `taken` (which it extends). */
export function pyIdentifier(id: string, taken: Set<string>): string {
  let name = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(name)) name = `t_${name}`;
  if (RESERVED.has(name)) name = `${name}_task`;
  let unique = name;
  for (let n = 2; taken.has(unique); n++) unique = `${name}_${n}`;
  taken.add(unique);
  return unique;
}

/**
 * The same regular expression in Python's `re` syntax: named groups `(?<name>…)` become
 * `(?P<name>…)` and named back-references `\k<name>` become `(?P=name)`. Lookbehinds, escapes and
 * character classes are left alone (a `(?<` inside a class is not a group).
 */
export function jsRegexToPython(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && next === 'k' && pattern[i + 2] === '<') {
        const end = pattern.indexOf('>', i + 3);
        if (end > 0) {
          out += `(?P=${pattern.slice(i + 3, end)})`;
          i = end;
          continue;
        }
      }
      out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      // JavaScript's empty classes: '[]' matches nothing, '[^]' any character; Python would read the ']' as a literal.
      if (pattern.startsWith('[]', i)) {
        out += '(?!)';
        i += 1;
        continue;
      }
      if (pattern.startsWith('[^]', i)) {
        out += '[\\s\\S]';
        i += 2;
        continue;
      }
      inClass = true;
      out += ch;
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?' && pattern[i + 2] === '<' && pattern[i + 3] !== '=' && pattern[i + 3] !== '!') {
      out += '(?P<';
      i += 2;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Tables a SQL text writes to (INSERT/REPLACE INTO, DELETE FROM, UPDATE, CREATE TABLE), lower-cased, in order of appearance. */
export function tablesWrittenBy(sql: string): string[] {
  const withoutComments = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const found: string[] = [];
  const name = String.raw`["\`\[]?([A-Za-z_][A-Za-z0-9_]*)["\`\]]?`;
  const patterns = [
    new RegExp(String.raw`\b(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+${name}`, 'gi'),
    new RegExp(String.raw`\bDELETE\s+FROM\s+${name}`, 'gi'),
    new RegExp(String.raw`\bUPDATE\s+(?:OR\s+\w+\s+)?${name}`, 'gi'),
    new RegExp(String.raw`\bCREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${name}`, 'gi'),
  ];
  const hits: { at: number; table: string }[] = [];
  for (const re of patterns) for (const m of withoutComments.matchAll(re)) hits.push({ at: m.index, table: (m[1] ?? '').toLowerCase() });
  hits.sort((a, b) => a.at - b.at);
  for (const { table } of hits) if (!found.includes(table)) found.push(table);
  return found;
}

/** A name safe in a file path and a docstring (the schema already allows only these characters). */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** A Markdown table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** The tasks in dependency order (the file reads top to bottom as the run goes); throws on a cycle. */
function orderedTasks(pipeline: Pipeline): PipelineTask[] {
  const graph = createGraph({ nodes: pipeline.tasks.map((t) => t.id), edges: pipeline.edges });
  const order = topoOrder(graph);
  if (!order.ok) throw new Error(`airflow export: the tasks ${order.cycle.join(' → ')} form a cycle`);
  const byId = new Map(pipeline.tasks.map((t) => [t.id, t]));
  return order.value.map((id) => byId.get(id)).filter((t): t is PipelineTask => t !== undefined);
}

/** The Python dict literal of an extract task's reading rules (what `datalit_extract.extract` takes). */
function extractSpec(t: ExtractTask): string {
  const entries: [string, string][] = [['format', pyString(t.source.format)]];
  if (t.source.format === 'csv') {
    entries.push(['delimiter', pyString(t.source.delimiter)], ['encoding', pyString(t.source.encoding)]);
  } else if (t.source.format === 'regex') {
    entries.push(['pattern', pyString(jsRegexToPython(t.source.pattern))]);
  }
  entries.push(['target', pyString(t.target)], ['mode', pyString(t.mode)]);
  return `{\n${entries.map(([k, v]) => `        ${pyString(k)}: ${v},`).join('\n')}\n    }`;
}

interface TableInfo {
  owner: string;
  purpose: string;
}

/** The Markdown shown on a task in the Airflow UI: its note and the records of the tables it loads. */
function taskDoc(t: PipelineTask, tables: Map<string, TableInfo & { table: string }>): string {
  const lines: string[] = [];
  if (t.kind === 'extract') {
    lines.push(
      `Extract \`${t.path}\` (${t.source.format}) as it is into \`${t.target}\`; malformed lines go to \`${t.target}__quarantine\` with their line number and reason.`,
    );
  }
  if (t.note?.trim()) lines.push('', t.note.trim());
  const written = t.kind === 'sql' ? tablesWrittenBy(t.sql) : [t.target.toLowerCase()];
  const records = written.map((name) => tables.get(name)).filter((r) => r !== undefined);
  if (records.length > 0) {
    lines.push('', '| table | owner | purpose |', '| --- | --- | --- |');
    for (const r of records) lines.push(`| ${cell(r.table)} | ${cell(r.owner)} | ${cell(r.purpose)} |`);
  }
  return lines.join('\n').trim();
}

/** The owner of the one table a task loads, when it loads exactly one recorded table. */
function taskOwner(t: PipelineTask, tables: Map<string, TableInfo>): string | undefined {
  if (t.kind !== 'sql') return undefined;
  const owners = new Set(
    tablesWrittenBy(t.sql)
      .map((name) => tables.get(name)?.owner)
      .filter((o): o is string => o !== undefined),
  );
  return owners.size === 1 ? [...owners][0] : undefined;
}

/** The DAG's own documentation: the title, where it came from, and every loaded table's owner and purpose. */
function dagDoc(pipeline: Pipeline): string {
  const lines = [`# ${pipeline.title.trim() || pipeline.id}`, '', `Exported from Datalit Studio: loads the lake \`${pipeline.lake}\` into \`${pipeline.database}\`.`];
  if (pipeline.tables.length > 0) {
    lines.push('', '## Tables', '', '| table | owner | purpose |', '| --- | --- | --- |');
    for (const r of pipeline.tables) lines.push(`| ${cell(r.table)} | ${cell(r.owner)} | ${cell(r.purpose)} |`);
  }
  if (pipeline.reconcile.length > 0) {
    // The app checks these after each run; here they are the engineer's checklist.
    lines.push('', '## Reconciliation', '', '| check | source | target | key | sum |', '| --- | --- | --- | --- | --- |');
    for (const r of pipeline.reconcile) {
      lines.push(
        `| ${cell(r.title || r.id)} | ${cell(r.source.table)} | ${cell(r.target.table)} | ${cell(r.key ?? '-')} | ${cell(r.sum ? `${r.sum.source} = ${r.sum.target}` : '-')} |`,
      );
    }
  }
  return lines.join('\n');
}

function dateParts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
}

/** The DAG file's text. */
function dagFile(pipeline: Pipeline, options: Required<AirflowExportOptions>): string {
  const tasks = orderedTasks(pipeline);
  const tables = new Map(pipeline.tables.map((r) => [r.table.toLowerCase(), r]));
  const taken = new Set<string>();
  const vars = new Map(tasks.map((t) => [t.id, pyIdentifier(t.id, taken)]));
  const extracts = tasks.filter((t): t is ExtractTask => t.kind === 'extract');
  const [sy, sm, sd] = dateParts(pipeline.schedule?.start ?? DEFAULT_START);
  const end = pipeline.schedule?.end;
  const cron = pipeline.schedule?.cron ?? null;

  const out: string[] = [];
  out.push(
    `"""${safeName(pipeline.id)}: exported from Datalit Studio.`,
    '',
    'SQL lives in sql/<task_id>.sql, where {{ ds }} is the run\'s logical date (Asia/Seoul); extract',
    'tasks read the lake folder named by the Airflow Variable below (see README.md).',
    '"""',
    '',
    'from __future__ import annotations',
    '',
    'from datetime import timedelta',
    'from pathlib import Path',
    '',
    'import pendulum',
    'from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator',
  );
  if (extracts.length > 0) out.push('from airflow.providers.sqlite.hooks.sqlite import SqliteHook');
  const sdk = ['DAG', ...(cron ? ['CronDataIntervalTimetable'] : []), ...(extracts.length > 0 ? ['Variable', 'task'] : [])];
  out.push(`from airflow.sdk import ${sdk.join(', ')}`);
  if (extracts.length > 0) out.push('', 'import datalit_extract');
  out.push(
    '',
    `CONN_ID = ${pyString(options.connId)}`,
    `LAKE_VARIABLE = ${pyString(options.lakeVariable)}`,
    'SQL_DIR = Path(__file__).parent / "sql"',
    '',
    `DOC_MD = ${pyText(dagDoc(pipeline), '')}`,
  );
  if (extracts.length > 0) {
    out.push('', '# How each extract task reads its lake files (the same rules as the app\'s extractor).', 'EXTRACTS = {');
    for (const t of extracts) out.push(`    ${pyString(t.id)}: ${extractSpec(t)},`);
    out.push(
      '}',
      '',
      '',
      '@task',
      'def extract_lake_files(extract_id: str, path: str) -> dict[str, int]:',
      '    """Load lake files as they are into a staging table; malformed lines go to its quarantine table."""',
      '    spec = EXTRACTS[extract_id]',
      '    conn = SqliteHook(sqlite_conn_id=CONN_ID).get_conn()',
      '    try:',
      '        counts = datalit_extract.extract(',
      '            conn,',
      '            lake_dir=Variable.get(LAKE_VARIABLE),',
      '            path=path,',
      '            source=spec,',
      '            target=spec["target"],',
      '            mode=spec["mode"],',
      '        )',
      '        conn.commit()',
      '    finally:',
      '        conn.close()',
      '    return counts',
    );
  }
  const schedule = cron ? `CronDataIntervalTimetable(${pyString(cron)}, timezone=${pyString(TIMEZONE)})` : 'None';
  out.push(
    '',
    '',
    'with DAG(',
    `    dag_id=${pyString(pipeline.id)},`,
    `    description=${pyString(pipeline.title.trim() || pipeline.id)},`,
    `    schedule=${schedule},`,
    `    start_date=pendulum.datetime(${sy}, ${sm}, ${sd}, tz=${pyString(TIMEZONE)}),`,
  );
  if (end) {
    const [ey, em, ed] = dateParts(end);
    out.push(`    end_date=pendulum.datetime(${ey}, ${em}, ${ed}, tz=${pyString(TIMEZONE)}),`);
  }
  out.push(
    // A bounded schedule is a backfill range: run every day of it. An open one starts from now on.
    `    catchup=${end && cron ? 'True' : 'False'},`,
    '    max_active_runs=1,',
    '    template_searchpath=[str(SQL_DIR)],',
    '    default_args={',
    '        "owner": "datalit",',
    `        "retries": ${options.retries},`,
    `        "retry_delay": timedelta(minutes=${options.retryDelayMinutes}),`,
    '    },',
    '    doc_md=DOC_MD,',
    `    tags=["datalit", ${pyString(pipeline.lake)}],`,
    ') as dag:',
  );
  for (const t of tasks) {
    const v = vars.get(t.id) ?? t.id;
    const doc = taskDoc(t, tables);
    out.push('');
    if (t.kind === 'extract') {
      out.push(
        `    ${v} = extract_lake_files.override(`,
        `        task_id=${pyString(t.id)},`,
        ...(doc ? [`        doc_md=${pyText(doc, '        ')},`] : []),
        `    )(extract_id=${pyString(t.id)}, path=${pyString(t.path)})`,
      );
    } else {
      const owner = taskOwner(t, tables);
      out.push(
        `    ${v} = SQLExecuteQueryOperator(`,
        `        task_id=${pyString(t.id)},`,
        '        conn_id=CONN_ID,',
        `        sql=${pyString(`${safeName(t.id)}.sql`)},`,
        '        split_statements=True,',
        ...(owner ? [`        owner=${pyString(owner)},`] : []),
        ...(doc ? [`        doc_md=${pyText(doc, '        ')},`] : []),
        '    )',
      );
    }
  }
  if (pipeline.edges.length > 0) {
    out.push('');
    for (const e of pipeline.edges) out.push(`    ${vars.get(e.from) ?? e.from} >> ${vars.get(e.to) ?? e.to}`);
  }
  return `${out.join('\n')}\n`;
}

/** A task's SQL file: the SQL as written ({{ ds }} kept for Airflow's Jinja), after a one-line header. */
function sqlFile(pipeline: Pipeline, t: SqlTask): string {
  const body = t.sql.trim();
  const header = `-- ${t.id}: a task of the ${pipeline.id} pipeline, exported from Datalit Studio.`;
  // An empty task still runs (the common-sql hook refuses an empty statement list).
  return `${header}\n${body.length > 0 ? body : 'SELECT 1;'}\n`;
}

/** requirements.txt: Airflow 3 and the two providers the DAG imports. */
const REQUIREMENTS = `apache-airflow>=3.0,<4
apache-airflow-providers-common-sql>=1.27
apache-airflow-providers-sqlite>=4.1
pendulum>=3
`;

function readme(pipeline: Pipeline, options: Required<AirflowExportOptions>): string {
  const connEnv = `AIRFLOW_CONN_${options.connId.toUpperCase()}`;
  const varEnv = `AIRFLOW_VAR_${options.lakeVariable.toUpperCase()}`;
  const hasExtracts = pipeline.tasks.some((t) => t.kind === 'extract');
  const title = pipeline.title.trim() || pipeline.id;
  const start = pipeline.schedule?.start ?? DEFAULT_START;
  const end = pipeline.schedule?.end ?? start;
  return `# ${title}

The pipeline \`${pipeline.id}\`, exported from Datalit Studio as an Airflow 3 project.
파이프라인 \`${pipeline.id}\`을 Airflow 3 프로젝트로 내보낸 것입니다.

| file | what it is |
| --- | --- |
| \`dags/${pipeline.id}.py\` | the DAG: ${pipeline.tasks.length} tasks, ${pipeline.edges.length} dependencies |
| \`dags/sql/<task_id>.sql\` | the SQL of each SQL task; \`{{ ds }}\` is the run's logical date (Asia/Seoul) |
| \`dags/datalit_extract.py\` | the extract rules (gzip, BOM, delimiter, encodings, ragged rows, regex); no Airflow import, runs on its own |
| \`requirements.txt\` | Airflow 3 and the common-sql and sqlite providers |

## Install

\`\`\`sh
python3 -m venv .venv && . .venv/bin/activate
pip install -r requirements.txt   # add Airflow's constraints file for your Python version in production
export AIRFLOW_HOME=$PWD/airflow-home
export AIRFLOW__CORE__DAGS_FOLDER=$PWD/dags
\`\`\`

## Point the connection at a SQLite file

The SQL tasks${hasExtracts ? ' and the extract tasks' : ''} use the connection \`${options.connId}\`. Start from a copy of the
empty warehouse (\`${pipeline.database}.sqlite\` from the app's datasets) and give its absolute path:

\`\`\`sh
cp /path/to/${pipeline.database}.sqlite /abs/path/warehouse.sqlite
# either as an environment variable: \`sqlite://\` followed by the absolute path (three slashes in all)
export ${connEnv}='sqlite:///abs/path/warehouse.sqlite'
# or the same as JSON, where the path is the host
export ${connEnv}='{"conn_type": "sqlite", "host": "/abs/path/warehouse.sqlite"}'
# or stored in Airflow's metadata database
airflow connections add ${options.connId} --conn-type sqlite --conn-host /abs/path/warehouse.sqlite
\`\`\`

Mind the slashes: the SQLAlchemy habit \`sqlite:////abs/path\` (four) makes the sqlite provider open
\`file://abs/path\`, which SQLite refuses ("invalid uri authority").
${
  hasExtracts
    ? `
## Where the lake goes

Extract tasks read files relative to the lake folder (\`${pipeline.lake}\`: the app's \`public/datasets/lake/${pipeline.lake}\`).
Tell Airflow where it is with the Variable \`${options.lakeVariable}\`:

\`\`\`sh
export ${varEnv}=/abs/path/lake/${pipeline.lake}
# or
airflow variables set ${options.lakeVariable} /abs/path/lake/${pipeline.lake}
\`\`\`

Malformed lines are never dropped: they go to \`<staging table>__quarantine\` with the file, line number, reason and raw text.
The extractor also runs without Airflow, for a check before deploying:

\`\`\`sh
python3 dags/datalit_extract.py --db /tmp/check.sqlite --lake /abs/path/lake/${pipeline.lake} --path 'exports/*.csv' --format csv --target stg_check
\`\`\`
`
    : ''
}
## Run

\`\`\`sh
airflow dags test ${pipeline.id} ${start}          # one logical date, in-process, no scheduler needed
airflow standalone                                 # or the full scheduler and UI on http://localhost:8080
airflow backfill create --dag-id ${pipeline.id} --from-date ${start} --to-date ${end}
\`\`\`

The DAG is idempotent when each load task deletes what it is about to write (the partition
\`{{ ds }}\` or the whole table) before inserting: re-running a date or a backfill then gives the same tables.
`;
}

/** The exported project's files, by path. Throws when the tasks form a cycle. */
export function airflowProject(pipeline: Pipeline, options: AirflowExportOptions = {}): AirflowProjectFiles {
  const opts: Required<AirflowExportOptions> = {
    connId: options.connId ?? DEFAULT_CONN_ID,
    lakeVariable: options.lakeVariable ?? DEFAULT_LAKE_VARIABLE,
    retries: options.retries ?? 2,
    retryDelayMinutes: options.retryDelayMinutes ?? 5,
  };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.connId)) throw new Error(`airflow export: '${opts.connId}' is not a connection id`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.lakeVariable)) throw new Error(`airflow export: '${opts.lakeVariable}' is not a variable name`);
  const files: AirflowProjectFiles = {
    'README.md': readme(pipeline, opts),
    'requirements.txt': REQUIREMENTS,
    [`dags/${safeName(pipeline.id)}.py`]: dagFile(pipeline, opts),
  };
  if (pipeline.tasks.some((t) => t.kind === 'extract')) files['dags/datalit_extract.py'] = DATALIT_EXTRACT_PY;
  for (const t of pipeline.tasks) if (t.kind === 'sql') files[`dags/sql/${safeName(t.id)}.sql`] = sqlFile(pipeline, t);
  files[`${safeName(pipeline.id)}.pipeline.json`] = `${JSON.stringify(pipeline, null, 2)}\n`;
  return files;
}

/** A fixed time stamp for every zip entry, so the same pipeline always gives the same bytes. */
const ZIP_MTIME = new Date(2024, 0, 1, 0, 0, 0);

/** The exported project as a zip (a `<dag_id>/` folder), for the UI's download. */
export function airflowProjectZip(pipeline: Pipeline, options: AirflowExportOptions = {}): Uint8Array {
  const files = airflowProject(pipeline, options);
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[`${safeName(pipeline.id)}/${path}`] = strToU8(text);
  return zipSync(entries, { level: 6, mtime: ZIP_MTIME });
}
