import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbtProjectZip, exportDbtProject, modelEngineReadTable, toSeedCsv, DbtExportError, type DbtExport } from '../../../core/models/dbt-export.ts';
import { importDbtFiles, importDbtZip } from '../../../core/models/dbt-import.ts';
import { sqlEngineModelEngine, type BuildResult } from '../../../core/models/index.ts';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { buildFiles, expectSameTable, readFolder, tableOf } from './dbt-support.ts';

/**
 * Export writes a project dbt-core 1.10 runs with dbt-sqlite or dbt-duckdb (profiles, paths,
 * tests in the `arguments:` form, the sources' rows as seeds with the sources pointed at them);
 * re-imported, it builds the same tables as the original did on the warehouse.
 */
const WAREHOUSE = 'public/datasets/hanbit-warehouse.sqlite';
const MODELS = ['stg_orders', 'stg_customers', 'stg_order_items', 'mart_customers', 'mart_orders'];

function folder(dir: string): ModelProjectFiles {
  const r = importDbtFiles(readFolder(dir));
  if (!r.ok) throw new Error(r.error.en);
  return r.value.project;
}

type Json = Record<string, unknown>;
const yamlOf = (exp: DbtExport, path: string): Json => parseYaml(exp.files.files[path] as string) as Json;

describe('toSeedCsv', () => {
  it('quotes what needs quoting, writes NULL as an empty field, and parses back to the same values', () => {
    const rows = [
      [1, 'plain', 12.5, null],
      [2, 'comma, inside', -3, '따옴표 "quoted"'],
      [3, 'line\nbreak', 0, ' padded '],
      [4, '', 1e21, '카카오페이'],
    ];
    const csv = toSeedCsv({ columns: ['id', 'text', 'amount', 'note'], types: ['INTEGER', 'TEXT', 'REAL', 'TEXT'], rows });
    expect(csv.split('\n')[0]).toBe('id,text,amount,note');
    expect(csv).toContain('"comma, inside"');
    expect(csv).toContain('"따옴표 ""quoted"""');
    expect(csv).toContain('" padded "');
    expect(csv.endsWith('\n')).toBe(true);
    const back = Papa.parse<string[]>(csv.trimEnd(), { header: false }).data.slice(1);
    expect(back).toEqual([
      ['1', 'plain', '12.5', ''],
      ['2', 'comma, inside', '-3', '따옴표 "quoted"'],
      ['3', 'line\nbreak', '0', ' padded '],
      ['4', '', '1e+21', '카카오페이'],
    ]);
  });
});

describe('export of the jaffle_shop fixture (seeds only)', () => {
  let exp: DbtExport;
  beforeAll(async () => {
    exp = await exportDbtProject(folder('tests/fixtures/jaffle_shop'), { readTable: () => null });
  });

  it('writes profiles.yml with a dbt-sqlite and a dbt-duckdb target under the project profile', () => {
    const project = yamlOf(exp, 'dbt_project.yml');
    expect(project['config-version']).toBe(2);
    expect(project.profile).toBe('jaffle_shop');
    expect(project['model-paths']).toEqual(['models']);
    expect(project['seed-paths']).toEqual(['seeds']);
    const profiles = yamlOf(exp, 'profiles.yml');
    const profile = profiles.jaffle_shop as Json;
    expect(profile.target).toBe('sqlite');
    const outputs = profile.outputs as Record<string, Json>;
    expect(outputs.sqlite).toEqual({
      type: 'sqlite',
      threads: 1,
      database: 'database',
      schema: 'main',
      schemas_and_paths: { main: 'jaffle_shop.sqlite' },
      schema_directory: '.',
    });
    expect(outputs.duckdb).toEqual({ type: 'duckdb', path: 'jaffle_shop.duckdb', threads: 1 });
    expect(exp.files.files['README.md']).toContain('dbt build --profiles-dir .');
    expect(exp.files.files['README.md']).toContain('dbt-duckdb');
  });

  it("writes every generic test in dbt 1.10's form: data_tests with arguments", () => {
    const staging = yamlOf(exp, 'models/staging/schema.yml');
    const text = exp.files.files['models/staging/schema.yml'] as string;
    expect(text).not.toMatch(/^\s*tests:/m);
    const payments = (staging.models as Json[]).find((m) => m.name === 'stg_payments') as Json;
    const method = (payments.columns as Json[]).find((c) => c.name === 'payment_method') as Json;
    expect(method.data_tests).toEqual([{ accepted_values: { arguments: { values: ['credit_card', 'coupon', 'bank_transfer', 'gift_card'] } } }]);
    // the original's own seeds and files come through unchanged
    expect(exp.files.files['seeds/raw_orders.csv']).toBe(readFileSync('tests/fixtures/jaffle_shop/seeds/raw_orders.csv', 'utf8'));
    expect(exp.files.files['models/orders.sql']).toBe(readFileSync('tests/fixtures/jaffle_shop/models/orders.sql', 'utf8'));
    expect(exp.seeds).toEqual([]);
  });

  it('re-imports from its zip and builds the same, every test passing', async () => {
    const r = importDbtZip(dbtProjectZip(exp.files));
    if (!r.ok) throw new Error(r.error.en);
    expect(r.value.root).toBe('jaffle_shop');
    const original = await buildFiles(folder('tests/fixtures/jaffle_shop'));
    const again = await buildFiles(r.value.project);
    expect(again.result.ok).toBe(true);
    expect(again.result.nodes.filter((n) => n.type === 'test').length).toBe(original.result.nodes.filter((n) => n.type === 'test').length);
    for (const name of ['customers', 'orders']) expectSameTable(name, tableOf(again.engine, name), tableOf(original.engine, name));
  });
});

describe('export of the Track 2 reference project from the warehouse, and back', () => {
  let exp: DbtExport;
  let original: { result: BuildResult; engine: Awaited<ReturnType<typeof buildFiles>>['engine'] };
  let again: { result: BuildResult; engine: Awaited<ReturnType<typeof buildFiles>>['engine'] };

  beforeAll(async () => {
    original = await buildFiles(folder('lessons/_reference/dbt/hanbit'), new Uint8Array(readFileSync(WAREHOUSE)));
    exp = await exportDbtProject(folder('lessons/_reference/dbt/hanbit'), { readTable: modelEngineReadTable(sqlEngineModelEngine(original.engine)) });
    const r = importDbtZip(dbtProjectZip(exp.files));
    if (!r.ok) throw new Error(r.error.en);
    // On an empty database, one build as `dbt build` (see the README): only the seeds hold data,
    // and each source runs after the seed that makes its table.
    again = await buildFiles(r.value.project);
  }, 120_000);

  it("writes each source table's rows as a seed and points the sources at the seeds", () => {
    const count = (t: string) => original.engine.exec(`select count(*) from ${t}`, 1).results[0]?.rows[0]?.[0];
    expect(exp.seeds).toEqual([
      { source: 'warehouse', table: 'fact_orders', seed: 'fact_orders', rows: count('fact_orders') },
      { source: 'warehouse', table: 'dim_customer', seed: 'dim_customer', rows: count('dim_customer') },
      { source: 'warehouse', table: 'fact_order_items', seed: 'fact_order_items', rows: count('fact_order_items') },
    ]);
    const sources = (yamlOf(exp, 'models/staging/sources.yml').sources as Json[])[0] as Json;
    expect(sources.schema).toBe('main');
    expect((sources.tables as Json[]).map((t) => [t.name, t.identifier])).toEqual([
      ['fact_orders', 'fact_orders'],
      ['dim_customer', 'dim_customer'],
      ['fact_order_items', 'fact_order_items'],
    ]);
    // dbt orders a model after a seed it does not ref through a depends_on comment
    expect(exp.files.files['models/staging/stg_orders.sql']?.startsWith("-- depends_on: {{ ref('fact_orders') }}\n")).toBe(true);
    const project = yamlOf(exp, 'dbt_project.yml');
    expect(project.vars).toBeUndefined();
    const types = (((project.seeds as Json).hanbit as Json).fact_orders as Json)['+column_types'] as Json;
    expect(types).toMatchObject({ order_id: 'bigint', order_date: 'varchar', payment_method: 'varchar', net_revenue: 'bigint' });
  });

  it('writes NULL as an empty field (an unpaid order has no payment method)', () => {
    const csv = exp.files.files['seeds/fact_orders.csv'] as string;
    const header = csv.slice(0, csv.indexOf('\n')).split(',');
    const nulls = original.engine.exec('select count(*) from fact_orders where payment_method is null', 1).results[0]?.rows[0]?.[0];
    const parsed = Papa.parse<string[]>(csv.trimEnd()).data.slice(1);
    expect(parsed.filter((r) => r[header.indexOf('payment_method')] === '').length).toBe(nulls);
  });

  it('re-imported and built once on an empty database, it makes the same tables as the original on the warehouse, every test passing', () => {
    const failed = again.result.nodes.filter((n) => n.state !== 'success' && n.state !== 'pass');
    expect(failed.map((n) => `${n.name}: ${n.state} ${n.error?.message ?? ''}`)).toEqual([]);
    expect(again.result.nodes.filter((n) => n.type === 'seed').map((n) => n.name)).toEqual(['dim_customer', 'fact_order_items', 'fact_orders']);
    expect(again.result.nodes.filter((n) => n.type === 'test').length).toBe(original.result.nodes.filter((n) => n.type === 'test').length);
    for (const name of MODELS) expectSameTable(name, tableOf(again.engine, name), tableOf(original.engine, name));
  });

  it('refuses to export a source whose table the database does not have', async () => {
    await expect(exportDbtProject(folder('lessons/_reference/dbt/hanbit'), { readTable: () => null })).rejects.toBeInstanceOf(DbtExportError);
    await expect(exportDbtProject(folder('lessons/_reference/dbt/hanbit'), { readTable: () => null })).rejects.toThrow(/fact_orders/);
  });
});

describe('npm run models -- export-dbt / build <zip>', () => {
  it('exports a folder and a zip, and builds a zip', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbt-export-cli-'));
    try {
      const folderOut = JSON.parse(execFileSync('node', ['scripts/models.ts', 'export-dbt', 'tests/fixtures/jaffle_shop', join(dir, 'jaffle')], { encoding: 'utf8' }));
      expect(folderOut.files).toContain('profiles.yml');
      expect(readFileSync(join(dir, 'jaffle', 'seeds', 'raw_payments.csv'), 'utf8')).toBe(readFileSync('tests/fixtures/jaffle_shop/seeds/raw_payments.csv', 'utf8'));
      execFileSync('node', ['scripts/models.ts', 'export-dbt', 'tests/fixtures/jaffle_shop', join(dir, 'jaffle.zip')], { encoding: 'utf8' });
      const lines = execFileSync('node', ['scripts/models.ts', 'build', join(dir, 'jaffle.zip')], { encoding: 'utf8' }).trim().split('\n');
      const summary = JSON.parse(lines.at(-1) as string);
      expect(summary).toMatchObject({ type: 'summary', ok: true, error: 0, pass: 21, fail: 0 });
      const missing = spawnSync('node', ['scripts/models.ts', 'export-dbt', join(dir, 'nowhere'), join(dir, 'x')], { encoding: 'utf8' });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('does not exist');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
