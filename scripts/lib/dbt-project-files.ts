import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import initSqlJs from 'sql.js';
import { dbtProjectZip, DbtExportError, exportDbtProject, modelEngineReadTable, type ReadTable } from '../../core/models/dbt-export.ts';
import { importDbtFiles, importDbtZip, type DbtImport, type DbtInputFile } from '../../core/models/dbt-import.ts';
import { sqlEngineModelEngine } from '../../core/models/engine.ts';
import { loadProject } from '../../core/models/load-project.ts';
import { SqlEngine } from '../../core/sql/engine.ts';

/**
 * The command line's side of dbt import and export (core/models/dbt-import.ts, dbt-export.ts):
 * read a project from a folder or a zip on disk, write one back, and the `export-dbt` subcommand
 * of `npm run models`.
 */

const DATASETS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/datasets');

/** Folders not worth walking: dbt's output, fetched packages, version control, Python environments. */
const SKIP_DIRS = new Set(['target', 'dbt_packages', 'dbt_modules', 'logs', '.git', 'node_modules', '.venv', 'venv', '__pycache__']);

/** A project that cannot be read (exit code 2): the reason in English, and in Korean. */
export class DbtProjectInputError extends Error {
  readonly ko: string;
  constructor(en: string, ko: string) {
    super(en);
    this.name = 'DbtProjectInputError';
    this.ko = ko;
  }
}

function walk(root: string): DbtInputFile[] {
  const out: DbtInputFile[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) visit(path);
      } else if (st.isFile()) {
        out.push({ path: relative(root, path).split('\\').join('/'), bytes: new Uint8Array(readFileSync(path)) });
      }
    }
  };
  visit(root);
  return out;
}

/** Reads a dbt project from a folder or a .zip on disk, with the same checks as the app's import. */
export function readDbtProject(path: string): DbtImport {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new DbtProjectInputError(`${path} does not exist`, `${path}이(가) 없습니다.`);
  const result = statSync(abs).isDirectory() ? importDbtFiles(walk(abs)) : importDbtZip(new Uint8Array(readFileSync(abs)));
  if (!result.ok) throw new DbtProjectInputError(result.error.en, result.error.ko);
  return result.value;
}

/** Writes a project's files into a folder (created if missing; files of the same name overwritten). */
export function writeProjectFolder(dir: string, files: Record<string, string>): string[] {
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return Object.keys(files);
}

/** The database the export reads source rows from: --db, else the project's datalit_database in public/datasets. */
async function sourceReader(dbFile: string | undefined, database: string | null, datasetsDir: string): Promise<ReadTable> {
  const file = dbFile ?? (database ? join(datasetsDir, `${database}.sqlite`) : null);
  if (!file) return () => null;
  if (!existsSync(file)) {
    throw new DbtProjectInputError(`the database ${file} does not exist (run npm run datasets, or give --db)`, `데이터베이스 파일 ${file}이(가) 없습니다.`);
  }
  const engine = new SqlEngine(await initSqlJs());
  engine.open(new Uint8Array(readFileSync(file)));
  return modelEngineReadTable(sqlEngineModelEngine(engine));
}

/** Usage of the export-dbt subcommand. */
export const EXPORT_DBT_USAGE = 'npm run models -- export-dbt <project-dir|project.zip> <out-dir|out.zip> [--db database.sqlite] [--datasets dir]';

/**
 * `export-dbt <project> <out>`: writes the project as a dbt project dbt-core 1.10 runs with
 * dbt-sqlite or dbt-duckdb (a folder, or a zip when <out> ends in .zip). Source rows come from
 * --db, or from the catalog database the project names (vars.datalit_database). Prints
 * {"out","files":[…],"seeds":[…]}; exit code 2 when the project or database cannot be read.
 */
export async function exportDbtCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' }, datasets: { type: 'string' } } });
  const [input, out] = positionals;
  if (!input || !out || positionals.length !== 2) {
    process.stderr.write(`expected a project and an output folder\nusage: ${EXPORT_DBT_USAGE}\n`);
    return 2;
  }
  try {
    const project = readDbtProject(input);
    const loaded = loadProject(project.project);
    const readTable = await sourceReader(values.db, loaded.database, values.datasets ?? DATASETS_DIR);
    const exported = await exportDbtProject(project.project, { readTable });
    let files: string[];
    if (out.toLowerCase().endsWith('.zip')) {
      mkdirSync(dirname(resolve(out)), { recursive: true });
      writeFileSync(out, dbtProjectZip(exported.files));
      files = Object.keys(exported.files.files);
    } else {
      files = writeProjectFolder(out, exported.files.files);
    }
    process.stdout.write(`${JSON.stringify({ out, files, seeds: exported.seeds, skipped: project.skipped.map((s) => s.path) })}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DbtProjectInputError || e instanceof DbtExportError) {
      process.stderr.write(`export-dbt: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
