/**
 * The model workbench headless (instructors, CI, the benchmark): the same core as the app
 * (core/models on sql.js), on a dbt project folder.
 *
 *   npm run models -- build <dbt-project-dir|project.zip> [--db out.sqlite] [--select "+name"] [--full-refresh]
 *   npm run models -- export-dbt <dbt-project-dir|project.zip> <out-dir|out.zip> [--db database.sqlite]
 *     (scripts/lib/dbt-project-files.ts: a dbt project that dbt-core 1.10 runs with dbt-sqlite or
 *     dbt-duckdb, the sources' rows as seeds)
 *
 * Prints one JSON line per problem, per node as it finishes (seeds, sources that fail, models
 * with state, rows and the path of their compiled SQL under <project>/target/compiled/, tests
 * with pass/fail and the failing rows count) and a summary line; exits 1 when a node errors or a
 * test fails. The project's database (vars: datalit_database) comes from public/datasets.
 *
 * Subcommands live in COMMANDS; a project is read by readProjectInput (a folder here).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProject, type NodeResult } from '../core/models/build.ts';
import { planProject, type ProjectPlan } from '../core/models/compile.ts';
import { sqlEngineModelEngine } from '../core/models/engine.ts';
import { loadProject } from '../core/models/load-project.ts';
import type { ModelProjectFiles } from '../core/models/project.ts';
import { createGradingEngine, loadDatasets } from './lib/datasets.ts';
import { exportDbtCommand, readDbtProject } from './lib/dbt-project-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders of a dbt project that are output or packages, never project files. */
const SKIP_DIRS = new Set(['target', 'dbt_packages', 'logs', '.git', 'node_modules', '.venv']);
const PROJECT_EXTS = ['.sql', '.yml', '.yaml', '.csv', '.md'];

/** A dbt project folder as files (paths relative to it, forward slashes). */
export function readProjectDir(dir: string): ModelProjectFiles {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) {
        if (!SKIP_DIRS.has(entry)) walk(path);
      } else if (PROJECT_EXTS.some((e) => entry.toLowerCase().endsWith(e))) {
        files[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(dir);
  return { files };
}

/** A project given on the command line: a folder, or a zip (read with the app's import checks). */
export function readProjectInput(input: string): ModelProjectFiles {
  if (existsSync(input) && statSync(input).isFile() && input.toLowerCase().endsWith('.zip')) return readDbtProject(input).project;
  if (!existsSync(input) || !statSync(input).isDirectory()) throw new Error(`${input} is not a dbt project folder or zip`);
  return readProjectDir(input);
}

function print(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Where dbt would write a node's compiled SQL (generic tests under their YAML file's path). */
function compiledPath(plan: ProjectPlan, node: NodeResult): string {
  const file = plan.nodes.get(node.id)?.file ?? `${node.name}.sql`;
  const under = node.type === 'test' && !file.endsWith('.sql') ? `${file}/${node.name}.sql` : file;
  return join('target', 'compiled', plan.project.name, under);
}

interface Flags {
  positional: string[];
  options: Map<string, string | true>;
}

function parseFlags(args: string[]): Flags {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [key, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) options.set(key, inline);
    else if (key === 'full-refresh') options.set(key, true);
    else {
      const value = args[++i];
      if (value === undefined) throw new Error(`--${key} needs a value`);
      options.set(key, value);
    }
  }
  return { positional, options };
}

/** `build <project> [--db out.sqlite] [--select +name] [--full-refresh]`. */
async function build(args: string[]): Promise<number> {
  const { positional, options } = parseFlags(args);
  const input = positional[0];
  if (input === undefined) throw new Error('usage: build <dbt-project-dir> [--db out.sqlite] [--select +name] [--full-refresh]');
  const files = readProjectInput(input);
  const projectDir = statSync(input).isDirectory() ? input : dirname(input);
  const plan = planProject(loadProject(files));
  for (const p of plan.problems) {
    print({ type: 'problem', file: p.file, line: p.line, column: p.column, severity: p.severity, message: p.message.text.en });
  }
  const engine = await createGradingEngine();
  let bytes: Uint8Array = new Uint8Array(0);
  const database = plan.project.database;
  if (database !== null) {
    const datasets = await loadDatasets(ROOT);
    const found = datasets.provider.bytes(database, 'visible');
    if (!found) {
      print({ type: 'problem', file: 'dbt_project.yml', line: 1, column: 1, severity: 'error', message: `The database '${database}' is not available.` });
      return 1;
    }
    bytes = found;
  }
  engine.open(bytes);
  const select = options.get('select');
  const result = await buildProject(plan, sqlEngineModelEngine(engine), {
    ...(typeof select === 'string' ? { select } : {}),
    fullRefresh: options.get('full-refresh') === true,
    onEvent: ({ node }) => {
      if (node.state === 'running' || (node.type === 'source' && node.state === 'success')) return;
      let compiled: string | null = null;
      if (node.compiledSql !== undefined) {
        compiled = compiledPath(plan, node);
        const out = join(projectDir, compiled);
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, `${node.compiledSql}\n`);
      }
      const line: Record<string, unknown> = { type: node.type, name: node.name, state: node.state };
      if (node.type === 'test') {
        line.status = node.state;
        line.failures = node.test?.failures ?? 0;
      } else {
        line.rows = node.rows;
      }
      if (node.materialized !== undefined) line.materialized = node.materialized;
      if (compiled !== null) line.compiled = compiled.split(sep).join('/');
      line.ms = Math.round(node.ms);
      if (node.error) line.error = { file: node.error.file, line: node.error.line, column: node.error.column, message: node.error.message };
      else if (node.message && node.state !== 'pass') line.message = node.message.text.en;
      print(line);
    },
  });
  const count = (state: string): number => result.nodes.filter((n) => n.state === state).length;
  print({
    type: 'summary',
    ok: result.ok,
    success: count('success'),
    error: count('error'),
    skipped: count('skipped'),
    pass: count('pass'),
    fail: count('fail'),
    warn: count('warn'),
    ms: Math.round(result.elapsedMs),
  });
  const db = options.get('db');
  if (typeof db === 'string') {
    writeFileSync(db, engine.snapshot());
    print({ type: 'database', path: db });
  }
  return result.ok ? 0 : 1;
}

/** Subcommands by name: each takes its arguments and returns the exit code. */
export const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { build, 'export-dbt': exportDbtCommand };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) {
    process.stderr.write(`usage: npm run models -- <${Object.keys(COMMANDS).join('|')}> ...\n`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
