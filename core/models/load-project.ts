import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { modelMessage, type ModelMessage } from './messages.ts';
import type { ModelProjectFiles } from './project.ts';

/**
 * Reads a model project (its files) the way dbt parses one: dbt_project.yml (paths, vars, folder
 * configs), models, YAML property files (descriptions, columns, generic tests, sources), macros,
 * seeds and singular tests. Nothing runs here; problems are collected with file, line and column
 * for the editor's markers, in the learner's two languages.
 */

/** Where a problem is and what it says. Lines and columns are 1-based. */
export interface ModelProblem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: ModelMessage;
}

/** How a model is made in the database. */
export type Materialization = 'view' | 'table' | 'incremental' | 'ephemeral';

/** The materializations dbt knows and this engine builds. */
export const MATERIALIZATIONS: readonly Materialization[] = ['view', 'table', 'incremental', 'ephemeral'];

/** A column as described in YAML. */
export interface ColumnDoc {
  name: string;
  description: string;
}

/** A model: its SQL file, folder config, and what YAML says about it. */
export interface ModelDef {
  name: string;
  /** Path of the .sql file in the project. */
  path: string;
  /** The raw (Jinja) SQL. */
  sql: string;
  description: string;
  columns: ColumnDoc[];
  /** Config from dbt_project.yml folders and the model's YAML `config:`; `config()` in the SQL wins over both. */
  config: Record<string, unknown>;
}

/** A CSV seed: loaded as a table before any model runs. */
export interface SeedDef {
  name: string;
  path: string;
  csv: string;
  description: string;
  columns: ColumnDoc[];
}

/** A table of a declared source: the database table it names. */
export interface SourceDef {
  source: string;
  table: string;
  /** The table in the database (YAML `identifier`, else the table name). */
  identifier: string;
  description: string;
  columns: ColumnDoc[];
  file: string;
  line: number;
}

/** What a generic test is attached to. */
export type TestTarget = { type: 'model' | 'seed'; name: string } | { type: 'source'; source: string; table: string };

/** The generic tests dbt ships and this engine runs. */
export type GenericTestKind = 'unique' | 'not_null' | 'accepted_values' | 'relationships';

/** A data test: a generic test from YAML, or a singular test (a .sql file under tests/). */
export interface DataTestDef {
  /** dbt's node name for it (e.g. not_null_orders_order_id), unique within the project. */
  name: string;
  kind: GenericTestKind | 'singular';
  /** The model, seed or source it is attached to (generic tests). */
  target?: TestTarget;
  /** The tested column (generic tests). */
  columnName?: string;
  /** Arguments (values, to, field, quote), from the old form or under `arguments:`. */
  args: Record<string, unknown>;
  severity: 'error' | 'warn';
  /** config `where:` (a filter on the tested relation). */
  where?: string;
  /** Raw SQL of a singular test. */
  sql?: string;
  file: string;
  line: number;
  column: number;
}

/** A macros file (its macros are available to every model). */
export interface MacroFile {
  path: string;
  source: string;
}

/** A loaded project and what was wrong with it. */
export interface ModelProject {
  name: string;
  /** The catalog database the build starts from (vars.datalit_database), or null for an empty one. */
  database: string | null;
  vars: Record<string, unknown>;
  models: ModelDef[];
  seeds: SeedDef[];
  sources: SourceDef[];
  tests: DataTestDef[];
  macros: MacroFile[];
  problems: ModelProblem[];
}

/** The file name of a project's settings. */
export const PROJECT_FILE = 'dbt_project.yml';

/** The var that names the catalog database a project builds on. */
export const DATABASE_VAR = 'datalit_database';

const CONFIG_KEYS = new Set(['materialized', 'enabled', 'tags', 'schema', 'alias', 'unique_key', 'incremental_strategy', 'full_refresh']);

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = (before.match(/\n/g) ?? []).length + 1;
  return { line, column: before.length - (before.lastIndexOf('\n') + 1) + 1 };
}

/** A problem at an offset of a file's text. */
export function problemAt(
  file: string,
  text: string,
  offset: number,
  message: ModelMessage,
  severity: ModelProblem['severity'] = 'error',
): ModelProblem {
  return { file, ...position(text, offset), severity, message };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str);
  if (typeof v === 'string') return [v];
  return [];
}

/** Files under one of these folders, with one of these extensions, sorted (so every run sees the same order). */
function filesUnder(files: Record<string, string>, dirs: string[], exts: string[]): string[] {
  return Object.keys(files)
    .filter((p) => dirs.some((d) => p.startsWith(`${d.replace(/\/+$/, '')}/`)) && exts.some((e) => p.toLowerCase().endsWith(e)))
    .sort();
}

function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.slice(0, file.lastIndexOf('.') >= 0 ? file.lastIndexOf('.') : undefined);
}

interface YamlFile {
  path: string;
  text: string;
  doc: Document;
}

function parseYaml(path: string, text: string, problems: ModelProblem[]): YamlFile | null {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push(problemAt(path, text, e.pos[0], modelMessage('yaml-syntax', { message: e.message.split('\n')[0] ?? e.message })));
    }
    return null;
  }
  for (const w of doc.warnings) {
    problems.push(problemAt(path, text, w.pos[0], modelMessage('yaml-syntax', { message: w.message.split('\n')[0] ?? w.message }), 'warning'));
  }
  return { path, text, doc };
}

/** Offset of the YAML node at a path (or of the nearest parent that exists). */
function offsetAt(file: YamlFile, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = file.doc.getIn(path.slice(0, n), true) as YamlNode | undefined;
    if (node && (isScalar(node) || isMap(node) || isSeq(node)) && node.range) return node.range[0];
  }
  return 0;
}

/** Configs from dbt_project.yml `models:` for a model in these folders (deeper folders win; `+key` or a known key). */
function folderConfig(modelsConfig: unknown, projectName: string, folders: string[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const apply = (node: unknown): void => {
    if (!isRecord(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('+')) config[k.slice(1)] = v;
      else if (CONFIG_KEYS.has(k) && !isRecord(v)) config[k] = v;
    }
  };
  if (!isRecord(modelsConfig)) return config;
  apply(modelsConfig);
  let node: unknown = modelsConfig[projectName];
  apply(node);
  for (const folder of folders) {
    if (!isRecord(node)) break;
    node = node[folder];
    apply(node);
  }
  return config;
}

/** dbt's generic test node name: test_target_column__arg__arg, cleaned to word characters. */
function genericTestName(kind: string, target: TestTarget, column: string | undefined, args: Record<string, unknown>): string {
  const targetName = target.type === 'source' ? `source_${target.source}_${target.table}` : target.name;
  const argParts: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (key === 'column_name' || key === 'quote') continue;
    const v = args[key];
    if (Array.isArray(v)) argParts.push(...v.map(str));
    else argParts.push(str(v));
  }
  const base = [kind, targetName, column].filter((x) => x !== undefined && x !== '').join('_');
  const name = [base, ...argParts].join('__');
  const clean = name.replace(/[^0-9a-zA-Z_]+/g, '_');
  if (clean.length <= 64) return clean;
  // dbt shortens long names with a hash; any stable short suffix keeps them unique here.
  let h = 0;
  for (const ch of clean) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${clean.slice(0, 55)}_${h.toString(16).padStart(8, '0')}`;
}

const GENERIC: readonly GenericTestKind[] = ['unique', 'not_null', 'accepted_values', 'relationships'];

/** Reads one entry of a `data_tests:`/`tests:` list. */
function readTest(
  file: YamlFile,
  path: (string | number)[],
  entry: unknown,
  target: TestTarget,
  column: string | undefined,
  problems: ModelProblem[],
): DataTestDef | null {
  const at = offsetAt(file, path);
  const pos = position(file.text, at);
  let kindRaw: string;
  let spec: Record<string, unknown> = {};
  if (typeof entry === 'string') kindRaw = entry;
  else if (isRecord(entry) && Object.keys(entry).length >= 1) {
    const key = Object.keys(entry).find((k) => k !== 'name' && k !== 'test_name') ?? '';
    kindRaw = key;
    spec = isRecord(entry[key]) ? entry[key] : {};
    if (typeof entry.test_name === 'string') {
      kindRaw = entry.test_name;
      spec = entry;
    }
  } else {
    problems.push(problemAt(file.path, file.text, at, modelMessage('yaml-shape', { what: 'a test is a name (unique) or a map (accepted_values: {values: [...]})' })));
    return null;
  }
  const kind = kindRaw.replace(/^dbt\./, '') as GenericTestKind;
  if (!GENERIC.includes(kind)) {
    problems.push(problemAt(file.path, file.text, at, modelMessage('test-unknown', { test: kindRaw }), 'warning'));
    return null;
  }
  const config = isRecord(spec.config) ? spec.config : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'config' || k === 'arguments' || k === 'name' || k === 'test_name' || k === 'description') continue;
    if (k === 'severity' || k === 'where') config[k] = v;
    else args[k] = v;
  }
  if (isRecord(spec.arguments)) Object.assign(args, spec.arguments);
  const col: string | undefined = column ?? (typeof args.column_name === 'string' ? args.column_name : undefined);
  const needs: Record<GenericTestKind, string[]> = {
    unique: [],
    not_null: [],
    accepted_values: ['values'],
    relationships: ['to', 'field'],
  };
  if (col === undefined) {
    problems.push(problemAt(file.path, file.text, at, modelMessage('test-args', { test: kind, missing: 'column_name' })));
    return null;
  }
  for (const need of needs[kind]) {
    if (args[need] === undefined) {
      problems.push(problemAt(file.path, file.text, at, modelMessage('test-args', { test: kind, missing: need })));
      return null;
    }
  }
  const severity = str(config.severity).toLowerCase() === 'warn' ? 'warn' : 'error';
  const where = typeof config.where === 'string' ? config.where : undefined;
  const name = typeof spec.name === 'string' ? spec.name : genericTestName(kind, target, col, args);
  return { name, kind, target, columnName: col, args, severity, ...(where !== undefined ? { where } : {}), file: file.path, ...pos };
}

function testsOf(obj: Record<string, unknown>): { key: string; list: unknown[] } {
  if (Array.isArray(obj.data_tests)) return { key: 'data_tests', list: obj.data_tests };
  if (Array.isArray(obj.tests)) return { key: 'tests', list: obj.tests };
  return { key: 'data_tests', list: [] };
}

function columnsOf(
  file: YamlFile,
  path: (string | number)[],
  obj: Record<string, unknown>,
  target: TestTarget,
  tests: DataTestDef[],
  problems: ModelProblem[],
): ColumnDoc[] {
  const columns: ColumnDoc[] = [];
  const cols = Array.isArray(obj.columns) ? obj.columns : [];
  cols.forEach((c, ci) => {
    if (!isRecord(c) || typeof c.name !== 'string') {
      problems.push(problemAt(file.path, file.text, offsetAt(file, [...path, 'columns', ci]), modelMessage('yaml-shape', { what: 'each column needs a name:' })));
      return;
    }
    const columnName = c.name;
    columns.push({ name: columnName, description: str(c.description) });
    const { key, list } = testsOf(c);
    list.forEach((t, ti) => {
      const test = readTest(file, [...path, 'columns', ci, key, ti], t, target, columnName, problems);
      if (test) tests.push(test);
    });
  });
  const { key, list } = testsOf(obj);
  list.forEach((t, ti) => {
    const test = readTest(file, [...path, key, ti], t, target, undefined, problems);
    if (test) tests.push(test);
  });
  return columns;
}

/** Loads a project from its files. Never throws: what is wrong becomes problems. */
export function loadProject(input: ModelProjectFiles): ModelProject {
  const files = input.files;
  const problems: ModelProblem[] = [];
  const project: ModelProject = { name: 'project', database: null, vars: {}, models: [], seeds: [], sources: [], tests: [], macros: [], problems };

  let settings: Record<string, unknown> = {};
  const projectText = files[PROJECT_FILE];
  if (projectText === undefined) {
    problems.push({ file: PROJECT_FILE, line: 1, column: 1, severity: 'error', message: modelMessage('no-project-file', {}) });
  } else {
    const parsed = parseYaml(PROJECT_FILE, projectText, problems);
    const js: unknown = parsed?.doc.toJS();
    if (parsed && js !== null && js !== undefined && !isRecord(js)) {
      problems.push(problemAt(PROJECT_FILE, projectText, 0, modelMessage('yaml-shape', { what: 'dbt_project.yml is a map of settings (name:, vars:, models:)' })));
    } else if (isRecord(js)) settings = js;
  }
  project.name = typeof settings.name === 'string' ? settings.name : 'project';
  project.vars = isRecord(settings.vars) ? settings.vars : {};
  const db = project.vars[DATABASE_VAR];
  project.database = typeof db === 'string' && db !== '' ? db : null;
  const paths = (key: string, fallback: string[]): string[] => {
    const list = listOf(settings[key]);
    return list.length > 0 ? list : fallback;
  };
  const modelPaths = paths('model-paths', ['models']);
  const seedPaths = paths('seed-paths', ['seeds']);
  const testPaths = paths('test-paths', ['tests']);
  const macroPaths = paths('macro-paths', ['macros']);

  const modelsByName = new Map<string, ModelDef>();
  for (const path of filesUnder(files, modelPaths, ['.sql'])) {
    const name = baseName(path);
    const dir = modelPaths.find((d) => path.startsWith(`${d.replace(/\/+$/, '')}/`)) ?? 'models';
    const folders = path.slice(dir.replace(/\/+$/, '').length + 1).split('/').slice(0, -1);
    const config = folderConfig(settings.models, project.name, folders);
    const model: ModelDef = { name, path, sql: files[path] ?? '', description: '', columns: [], config };
    const other = modelsByName.get(name);
    if (other) {
      problems.push({ file: path, line: 1, column: 1, severity: 'error', message: modelMessage('duplicate-model', { name, other: other.path }) });
      continue;
    }
    if (config.enabled === false) continue;
    modelsByName.set(name, model);
    project.models.push(model);
  }

  for (const path of filesUnder(files, seedPaths, ['.csv'])) {
    project.seeds.push({ name: baseName(path), path, csv: files[path] ?? '', description: '', columns: [] });
  }
  for (const path of filesUnder(files, macroPaths, ['.sql'])) project.macros.push({ path, source: files[path] ?? '' });
  for (const path of filesUnder(files, testPaths, ['.sql'])) {
    project.tests.push({ name: baseName(path), kind: 'singular', args: {}, severity: 'error', sql: files[path] ?? '', file: path, line: 1, column: 1 });
  }

  const yamlPaths = filesUnder(files, [...modelPaths, ...seedPaths], ['.yml', '.yaml']);
  for (const path of yamlPaths) {
    const file = parseYaml(path, files[path] ?? '', problems);
    if (!file) continue;
    const js: unknown = file.doc.toJS();
    if (!isRecord(js)) continue;
    for (const kind of ['models', 'seeds'] as const) {
      const list = js[kind];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        problems.push(problemAt(path, file.text, offsetAt(file, [kind]), modelMessage('yaml-shape', { what: `${kind}: is a list (- name: ...)` })));
        continue;
      }
      list.forEach((entry, i) => {
        if (!isRecord(entry) || typeof entry.name !== 'string') {
          problems.push(problemAt(path, file.text, offsetAt(file, [kind, i]), modelMessage('yaml-shape', { what: `each entry of ${kind}: needs a name:` })));
          return;
        }
        const owner = kind === 'models' ? modelsByName.get(entry.name) : project.seeds.find((s) => s.name === entry.name);
        if (!owner) {
          problems.push(problemAt(path, file.text, offsetAt(file, [kind, i, 'name']), modelMessage('yaml-model-missing', { name: entry.name }), 'warning'));
          return;
        }
        owner.description = str(entry.description);
        owner.columns = columnsOf(file, [kind, i], entry, { type: kind === 'models' ? 'model' : 'seed', name: entry.name }, project.tests, problems);
        if (kind === 'models' && isRecord(entry.config)) Object.assign((owner as ModelDef).config, entry.config);
      });
    }
    const sources = js.sources;
    if (sources === undefined) continue;
    if (!Array.isArray(sources)) {
      problems.push(problemAt(path, file.text, offsetAt(file, ['sources']), modelMessage('yaml-shape', { what: 'sources: is a list (- name: ...)' })));
      continue;
    }
    sources.forEach((src, si) => {
      if (!isRecord(src) || typeof src.name !== 'string') {
        problems.push(problemAt(path, file.text, offsetAt(file, ['sources', si]), modelMessage('yaml-shape', { what: 'each source needs a name:' })));
        return;
      }
      const tables = Array.isArray(src.tables) ? src.tables : [];
      tables.forEach((t, ti) => {
        if (!isRecord(t) || typeof t.name !== 'string') {
          problems.push(problemAt(path, file.text, offsetAt(file, ['sources', si, 'tables', ti]), modelMessage('yaml-shape', { what: 'each source table needs a name:' })));
          return;
        }
        const at = position(file.text, offsetAt(file, ['sources', si, 'tables', ti, 'name']));
        const target: TestTarget = { type: 'source', source: src.name as string, table: t.name };
        project.sources.push({
          source: src.name as string,
          table: t.name,
          identifier: typeof t.identifier === 'string' && t.identifier !== '' ? t.identifier : t.name,
          description: str(t.description),
          columns: columnsOf(file, ['sources', si, 'tables', ti], t, target, project.tests, problems),
          file: path,
          line: at.line,
        });
      });
    });
  }

  // Two generic tests with one name (the same test written twice) would be one node in dbt too.
  const seen = new Set<string>();
  project.tests = project.tests.filter((t) => {
    if (seen.has(t.name)) return false;
    seen.add(t.name);
    return true;
  });
  return project;
}
