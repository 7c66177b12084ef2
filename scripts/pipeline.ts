import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import initSqlJs from 'sql.js';
import { airflowProject } from '../core/pipeline/airflow-export.ts';
import { PipelineRunner, type RunRecord } from '../core/pipeline/runner.ts';
import { SqlEngine } from '../core/sql/engine.ts';
import { nodeLakeReader } from './lib/node-lake.ts';
import { DEFAULT_DATASETS_DIR, PipelineFileError, pipelineInputs, readPipelineFile } from './lib/pipeline-file.ts';

/**
 * `npm run pipeline -- <command> …`: saved pipelines headless, with the same core as the app's
 * pipeline workbench (core/pipeline/). Each subcommand is one entry of COMMANDS.
 *
 *   run <pipeline.json> [--ds YYYY-MM-DD | --from D --to D] [--db out.sqlite] [--datasets dir]
 *     Runs every task in dependency order on a fresh copy of the pipeline's database (one run per
 *     day with --from/--to, the days' partitions accumulating). Prints one JSON line per task per
 *     run: {"run","ds","task","state","rowsRead","rowsWritten","rowsQuarantined","ms"} (+ "error"
 *     when it failed). Without --ds the pipeline's schedule.start is the logical date. Writes the
 *     database to --db. Exit code 1 when a task failed, 2 when the command or file is wrong.
 *
 *   export-airflow <pipeline.json> <dir>
 *     Writes the pipeline as an Airflow 3 project into <dir> (core/pipeline/airflow-export.ts):
 *     dags/<id>.py, dags/sql/<task>.sql, dags/datalit_extract.py, README.md, requirements.txt.
 *     Prints {"dir","files":[…]}. Files of the same name in <dir> are overwritten, others left.
 */

/** A subcommand: takes its arguments, returns the exit code. */
type Command = (args: string[]) => Promise<number>;

/** A mistake in how the command was called (exit code 2, with usage). */
class UsageError extends Error {}

const USAGE = `usage:
  npm run pipeline -- run <pipeline.json> [--ds YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--db out.sqlite] [--datasets dir]
  npm run pipeline -- export-airflow <pipeline.json> <dir>`;

/** One JSON line per task of a run. */
function printRun(record: RunRecord): void {
  for (const t of record.tasks) {
    const line: Record<string, unknown> = {
      run: record.id,
      ds: record.ds,
      task: t.task,
      state: t.state,
      rowsRead: t.rowsRead,
      rowsWritten: t.rowsWritten,
      rowsQuarantined: t.rowsQuarantined,
      ms: Math.round(t.ms),
    };
    if (t.error) line.error = t.error.message;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

const run: Command = async (args) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ds: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, db: { type: 'string' }, datasets: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('run takes one pipeline file');
  if (values.ds && (values.from || values.to)) throw new UsageError('give either --ds or --from and --to, not both');
  if (Boolean(values.from) !== Boolean(values.to)) throw new UsageError('--from and --to go together');
  const pipeline = await readPipelineFile(file);
  const inputs = await pipelineInputs(pipeline, values.datasets ?? DEFAULT_DATASETS_DIR);
  const ds = values.ds ?? pipeline.schedule?.start;
  if (!ds && !values.from) throw new UsageError('the pipeline has no schedule.start: give --ds YYYY-MM-DD');
  const engine = new SqlEngine(await initSqlJs());
  const runner = new PipelineRunner({
    engine,
    lake: nodeLakeReader(inputs.lakeDir),
    pipeline,
    databaseBytes: new Uint8Array(await readFile(inputs.databaseFile)),
  });
  const records =
    values.from && values.to ? await runner.backfill(values.from, values.to, { onEvent: () => undefined }) : [await runner.runAll(ds as string)];
  for (const record of records) printRun(record);
  if (values.db) await writeFile(values.db, engine.database().export());
  return records.some((r) => r.state !== 'success') ? 1 : 0;
};

const exportAirflow: Command = async (args) => {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file, dir] = positionals;
  if (!file || !dir || positionals.length > 2) throw new UsageError('export-airflow takes a pipeline file and a folder');
  const files = airflowProject(await readPipelineFile(file));
  for (const [path, text] of Object.entries(files)) {
    const out = join(dir, ...path.split('/'));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text);
  }
  process.stdout.write(`${JSON.stringify({ dir, files: Object.keys(files) })}\n`);
  return 0;
};

/** The subcommands; another one is one more entry here. */
export const COMMANDS: Record<string, Command> = { run, 'export-airflow': exportAirflow };

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command '${name}'\n` : ''}${USAGE}\n`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof PipelineFileError) {
      process.stderr.write(`The pipeline file cannot be used: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
