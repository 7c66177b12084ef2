import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject, type BuildOptions, type NodeResult } from '../../../core/models/build.ts';
import { compileModel, planProject } from '../../../core/models/compile.ts';
import { sqlEngineModelEngine } from '../../../core/models/engine.ts';
import { lineage } from '../../../core/models/lineage.ts';
import { loadProject } from '../../../core/models/load-project.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

const PROJECT = 'name: shop\nvars:\n  min_amount: 0\nmodels:\n  shop:\n    marts:\n      +materialized: table\n';

function plan(files: Record<string, string>) {
  return planProject(loadProject({ files: { 'dbt_project.yml': PROJECT, ...files } }));
}

async function build(files: Record<string, string>, options: BuildOptions = {}, engine?: SqlEngine) {
  const e = engine ?? new SqlEngine(SQL);
  if (!engine) e.open(new Uint8Array(0));
  const p = plan(files);
  const result = await buildProject(p, sqlEngineModelEngine(e), options);
  const node = (name: string): NodeResult => {
    const found = result.nodes.find((n) => n.name === name);
    if (!found) throw new Error(`no node ${name} in ${result.nodes.map((n) => n.name).join(', ')}`);
    return found;
  };
  const rows = (sql: string) => e.exec(sql, 100).results[0]?.rows ?? [];
  return { result, node, rows, engine: e, plan: p };
}

describe('loading a project', () => {
  it('reports a YAML syntax error at its line', () => {
    const p = plan({ 'models/a.sql': 'select 1 as id', 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns: [id,\n  - name: b\n' });
    const problem = p.problems.find((x) => x.file === 'models/schema.yml');
    expect(problem?.message.code).toBe('yaml-syntax');
    expect(problem?.line).toBeGreaterThanOrEqual(4);
    expect(problem?.message.text.ko).toContain('YAML을 읽을 수 없습니다');
  });

  it('reports a ref to a missing model on its line, naming the close match, in both languages', () => {
    const p = plan({
      'models/stg_orders.sql': 'select 1 as id',
      'models/orders.sql': "select *\nfrom {{ ref('stg_orders') }}\njoin {{ ref('stg_order') }} using (id)",
    });
    const problem = p.problems.find((x) => x.file === 'models/orders.sql');
    expect(problem).toMatchObject({ line: 3, severity: 'error' });
    expect(problem?.message.code).toBe('ref-missing');
    expect(problem?.message.text.en).toContain("'stg_orders'");
    expect(problem?.message.text.ko).toContain("'stg_orders'");
  });

  it('reads tests under data_tests:, tests:, the arguments: form and severity config', () => {
    const p = plan({
      'models/a.sql': 'select 1 as id',
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: a',
        '    columns:',
        '      - name: id',
        '        data_tests:',
        '          - unique',
        '          - accepted_values:',
        '              arguments:',
        '                values: [1, 2]',
        '              config:',
        '                severity: warn',
        '        tests:',
        '          - not_null',
      ].join('\n'),
    });
    const tests = p.project.tests.map((t) => [t.kind, t.severity, t.args.values ?? null]);
    // data_tests: wins over tests: when both are given, as in dbt.
    expect(tests).toEqual([
      ['unique', 'error', null],
      ['accepted_values', 'warn', [1, 2]],
    ]);
    expect(p.project.tests[1]?.line).toBe(8);
  });

  it('reads sources with identifier, and folder configs from dbt_project.yml', () => {
    const p = plan({
      'models/sources.yml': 'version: 2\nsources:\n  - name: lake\n    tables:\n      - name: events\n        identifier: raw_events\n',
      'models/marts/m.sql': "select * from {{ source('lake', 'events') }}",
    });
    const m = p.nodes.get('model.m');
    expect(m?.type === 'model' && m.materialized).toBe('table');
    expect(compileModel(p, 'm', { execute: false }).sql).toBe('select * from "main"."raw_events"');
    expect(p.graph.predecessors('model.m')).toEqual(['source.lake.events']);
  });
});

describe('compiling', () => {
  it('renders ref, source, config, var, macros and is_incremental as dbt does', () => {
    const p = plan({
      'macros/money.sql': "{% macro cents(col, scale=2) %}round({{ col }} / 100.0, {{ scale }}){% endmacro %}",
      'models/base.sql': 'select 1 as id, 250 as amount_cents',
      'models/inc.sql': [
        "{{ config(materialized='incremental') }}",
        "select id, {{ cents('amount_cents') }} as amount from {{ ref('base') }}",
        'where amount_cents > {{ var("min_amount") }}{{ var("missing", " and 1 = 1") }}',
        '{% if is_incremental() %}and id > (select max(id) from {{ this }}){% endif %}',
      ].join('\n'),
    });
    expect(p.problems).toEqual([]);
    const node = p.nodes.get('model.inc');
    expect(node?.type === 'model' && node.materialized).toBe('incremental');
    const first = compileModel(p, 'inc', { execute: true, exists: () => false }).sql;
    expect(first).toBe('\nselect id, round(amount_cents / 100.0, 2) as amount from "main"."base"\nwhere amount_cents > 0 and 1 = 1');
    const again = compileModel(p, 'inc', { execute: true, exists: (n) => n === 'inc' }).sql;
    expect(again).toContain('and id > (select max(id) from "main"."inc")');
  });

  it('inlines an ephemeral model as a CTE, merged into a leading WITH', () => {
    const p = plan({
      'models/e.sql': "{{ config(materialized='ephemeral') }}select 1 as id",
      'models/m.sql': "with x as (select * from {{ ref('e') }})\nselect * from x",
    });
    expect(compileModel(p, 'm', { execute: true }).sql).toBe('with __dbt__cte__e as (\nselect 1 as id\n), x as (select * from __dbt__cte__e)\nselect * from x');
  });
});

const SHOP = {
  'seeds/raw_orders.csv': 'id,customer_id,status,amount\n1,1,placed,10.5\n2,1,shipped,3\n3,2,,7\n4,,placed,1\n',
  'seeds/raw_customers.csv': 'id,name\n1,Kim\n2,Lee\n',
  'models/staging/stg_orders.sql': "select id as order_id, customer_id, status, amount from {{ ref('raw_orders') }}",
  'models/staging/stg_customers.sql': "select id as customer_id, name from {{ ref('raw_customers') }}",
  'models/marts/customers.sql':
    "select c.customer_id, c.name, sum(o.amount) as total\nfrom {{ ref('stg_customers') }} c left join {{ ref('stg_orders') }} o using (customer_id)\ngroup by 1, 2",
};

describe('building', () => {
  it('loads seeds with inferred types and NULLs, builds in dependency order, and counts table rows', async () => {
    const { result, node, rows } = await build(SHOP);
    expect(result.ok).toBe(true);
    const order = result.nodes.map((n) => n.name);
    expect(order.indexOf('raw_orders')).toBeLessThan(order.indexOf('stg_orders'));
    expect(order.indexOf('stg_orders')).toBeLessThan(order.indexOf('customers'));
    expect(node('customers')).toMatchObject({ state: 'success', rows: 2, materialized: 'table' });
    expect(node('stg_orders')).toMatchObject({ state: 'success', rows: null, materialized: 'view' });
    expect(rows("select typeof(id), typeof(amount), typeof(status), customer_id is null from raw_orders where id = 4")).toEqual([
      ['integer', 'real', 'text', 1],
    ]);
    expect(rows('select status is null from raw_orders where id = 3')).toEqual([[1]]);
    expect(rows('select * from customers order by 1')).toEqual([
      [1, 'Kim', 13.5],
      [2, 'Lee', 7],
    ]);
  });

  it('skips the dependants of a failing model, each saying why, with the SQL error line', async () => {
    const { result, node } = await build({ ...SHOP, 'models/staging/stg_orders.sql': "select id as order_id,\n  nope\nfrom {{ ref('raw_orders') }}" });
    expect(result.ok).toBe(false);
    expect(node('stg_orders').state).toBe('error');
    expect(node('stg_orders').error).toMatchObject({ file: 'models/staging/stg_orders.sql', line: 2 });
    expect(node('stg_orders').error?.message).toContain('nope');
    expect(node('customers').state).toBe('skipped');
    expect(node('customers').message?.text.en).toContain("'stg_orders'");
    expect(node('stg_customers').state).toBe('success');
  });

  it('skips the dependants of a model whose error-severity test fails, not those of a warn test', async () => {
    const yml = (severity: string) =>
      `version: 2\nmodels:\n  - name: stg_orders\n    columns:\n      - name: customer_id\n        data_tests:\n          - not_null:\n              config:\n                severity: ${severity}\n`;
    const failing = await build({ ...SHOP, 'models/schema.yml': yml('error') });
    expect(failing.node('not_null_stg_orders_customer_id')).toMatchObject({ state: 'fail' });
    expect(failing.node('customers').state).toBe('skipped');
    expect(failing.node('customers').message?.code).toBe('test-failed-upstream');
    const warned = await build({ ...SHOP, 'models/schema.yml': yml('warn') });
    expect(warned.node('not_null_stg_orders_customer_id').state).toBe('warn');
    expect(warned.node('customers').state).toBe('success');
    expect(warned.result.ok).toBe(true);
  });

  it('builds +name with its parents only, and name+ with its children', async () => {
    const up = await build(SHOP, { select: '+stg_orders' });
    expect(up.result.nodes.map((n) => n.name).sort()).toEqual(['raw_orders', 'stg_orders']);
    const e = new SqlEngine(SQL);
    e.open(new Uint8Array(0));
    await build(SHOP, {}, e);
    const down = await build(SHOP, { select: 'stg_customers+' }, e);
    expect(down.result.nodes.map((n) => n.name).sort()).toEqual(['customers', 'stg_customers']);
  });

  it('appends to an incremental model on the second run and rebuilds it with fullRefresh', async () => {
    const files = {
      'seeds/ev.csv': 'id\n1\n2\n',
      'models/inc.sql':
        "{{ config(materialized='incremental') }}\nselect id from {{ ref('ev') }}\n{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}",
    };
    const e = new SqlEngine(SQL);
    e.open(new Uint8Array(0));
    const first = await build(files, {}, e);
    expect(first.node('inc').rows).toBe(2);
    e.exec('insert into ev values (3)', 0);
    const second = await build(files, { select: 'inc' }, e);
    expect(second.node('inc')).toMatchObject({ state: 'success', rows: 1 });
    expect(second.node('inc').compiledSql).toContain('where id > (select max(id) from "main"."inc")');
    expect(second.rows('select id from inc order by id')).toEqual([[1], [2], [3]]);
    const refreshed = await build(files, { select: 'inc', fullRefresh: true }, e);
    expect(refreshed.node('inc').rows).toBe(3);
  });

  it('cancels: nodes after the stop are skipped as cancelled', async () => {
    let n = 0;
    const { result } = await build(SHOP, { shouldStop: () => ++n > 2 });
    expect(result.cancelled).toBe(true);
    expect(result.nodes.filter((x) => x.state === 'skipped').every((x) => x.message?.code === 'cancelled')).toBe(true);
    expect(result.nodes.filter((x) => x.state === 'success')).toHaveLength(2);
  });
});

describe('data tests with dbt semantics', () => {
  const DATA = {
    'seeds/t.csv': 'id,status,parent\n1,a,10\n1,b,\n,a,10\n,a,99\n2,,10\n3,c,10\n',
    'seeds/p.csv': 'pid\n10\n',
    'models/schema.yml': [
      'version: 2',
      'seeds:',
      '  - name: t',
      '    columns:',
      '      - name: id',
      '        data_tests: [unique, not_null]',
      '      - name: status',
      '        data_tests:',
      '          - accepted_values:',
      "              values: ['a', 'b']",
      '      - name: parent',
      '        data_tests:',
      '          - relationships:',
      "              to: ref('p')",
      '              field: pid',
    ].join('\n'),
    'tests/no_c.sql': "select * from {{ ref('t') }} where status = 'c'",
  };

  it('unique ignores NULLs, not_null counts them, accepted_values lets NULL pass, relationships ignores NULL children', async () => {
    const { node } = await build(DATA);
    // ids 1,1,NULL,NULL,2,3: one duplicated value (1); the two NULLs are not duplicates.
    expect(node('unique_t_id').test).toMatchObject({ failures: 1, rows: [[1, 2]] });
    expect(node('not_null_t_id').test?.failures).toBe(2);
    // status a,b,a,a,NULL,c: only 'c' fails; the NULL passes.
    expect(node('accepted_values_t_status__a__b').test).toMatchObject({ failures: 1, rows: [['c', 1]] });
    // parent 10,NULL,10,99,10,10: only 99 has no parent row; the NULL child is ignored.
    const rel = result(node, 'relationships_t_parent__pid__ref_p_');
    expect(rel.test).toMatchObject({ failures: 1, rows: [[99]] });
    expect(rel.compiledSql).toContain('left join parent');
    expect(node('no_c')).toMatchObject({ state: 'fail', test: { failures: 1 } });
  });
});

describe('sources whose tables seeds make', () => {
  const FILES = {
    'seeds/raw_events.csv': 'id,kind\n1,click\n2,view\n',
    'seeds/people.csv': 'id,name\n1,Mina\n',
    'models/sources.yml': [
      'version: 2',
      'sources:',
      '  - name: lake',
      '    tables:',
      '      - name: events',
      '        identifier: raw_events',
      '      - name: people',
      '        columns:',
      '          - name: id',
      '            data_tests: [not_null]',
    ].join('\n'),
    'models/m.sql': "select e.id, e.kind, p.name\nfrom {{ source('lake', 'events') }} e\nleft join {{ source('lake', 'people') }} p using (id)",
  };

  it('get the seed named as their identifier (or table name) as a parent', () => {
    const p = plan(FILES);
    expect(p.graph.predecessors('source.lake.events')).toEqual(['seed.raw_events']);
    expect(p.graph.predecessors('source.lake.people')).toEqual(['seed.people']);
  });

  it('build on an empty database in one go: the seeds first, then the sources are found, the model and tests run', async () => {
    const { result, node, rows } = await build(FILES);
    expect(result.nodes.filter((n) => n.state !== 'success' && n.state !== 'pass').map((n) => `${n.name}: ${n.state}`)).toEqual([]);
    expect(result.ok).toBe(true);
    const at = (name: string) => result.nodes.findIndex((n) => n.name === name);
    expect(at('raw_events')).toBeLessThan(at('lake.events'));
    expect(at('people')).toBeLessThan(at('lake.people'));
    expect(node('lake.events').state).toBe('success');
    expect(node('not_null_source_lake_people_id').state).toBe('pass');
    expect(rows('select id, kind, name from m order by id')).toEqual([
      [1, 'click', 'Mina'],
      [2, 'view', null],
    ]);
  });

  it('still fail when no seed makes the table and the database has none', async () => {
    const { 'seeds/raw_events.csv': _made, ...withoutSeed } = FILES;
    const { result, node } = await build(withoutSeed);
    expect(result.ok).toBe(false);
    expect(node('lake.events')).toMatchObject({ state: 'error', message: { code: 'source-table-missing' } });
  });
});

function result(node: (name: string) => NodeResult, name: string): NodeResult {
  return node(name);
}

describe('lineage', () => {
  it('has sources, seeds, models and tests with build states and test counts', async () => {
    const { result, plan: p } = await build({
      ...SHOP,
      'models/schema.yml': 'version: 2\nmodels:\n  - name: customers\n    columns:\n      - name: customer_id\n        data_tests: [unique, not_null]\n',
    });
    const l = lineage(p, result);
    const customers = l.nodes.find((n) => n.id === 'model.customers');
    expect(customers).toMatchObject({ state: 'success', materialized: 'table', tests: { pass: 2, fail: 0 } });
    expect(l.edges).toContainEqual({ from: 'model.stg_orders', to: 'model.customers', state: 'success' });
    expect(l.nodes.filter((n) => n.type === 'test').map((n) => n.attachedTo)).toEqual(['model.customers', 'model.customers']);
  });
});

describe('npm run models -- build', () => {
  it('builds a project folder, prints JSON per node, writes compiled SQL and the database, exits 1 on a failing test', () => {
    const dir = mkdtempSync(join(tmpdir(), 'models-cli-'));
    try {
      const files: Record<string, string> = { 'dbt_project.yml': PROJECT, ...SHOP };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const db = join(dir, 'out.sqlite');
      const out = execFileSync('node', ['scripts/models.ts', 'build', dir, '--db', db], { encoding: 'utf8' });
      const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.name === 'customers')).toMatchObject({
        type: 'model',
        state: 'success',
        rows: 2,
        compiled: 'target/compiled/shop/models/marts/customers.sql',
      });
      expect(readFileSync(join(dir, 'target/compiled/shop/models/marts/customers.sql'), 'utf8')).toContain('"main"."stg_customers"');
      expect(lines.at(-2)).toMatchObject({ type: 'summary', ok: true });
      expect(existsSync(db)).toBe(true);

      writeFileSync(
        join(dir, 'models/schema.yml'),
        'version: 2\nmodels:\n  - name: stg_orders\n    columns:\n      - name: customer_id\n        data_tests: [not_null]\n',
      );
      let status = 0;
      let failed = '';
      try {
        execFileSync('node', ['scripts/models.ts', 'build', dir], { encoding: 'utf8' });
      } catch (e) {
        status = (e as { status: number }).status;
        failed = (e as { stdout: string }).stdout;
      }
      expect(status).toBe(1);
      const test = failed
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.type === 'test');
      expect(test).toMatchObject({ name: 'not_null_stg_orders_customer_id', status: 'fail', failures: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
