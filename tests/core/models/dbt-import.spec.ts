import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { DEFAULT_DBT_IMPORT_LIMITS, importDbtFiles, importDbtZip, type DbtImportResult } from '../../../core/models/dbt-import.ts';

const PROJECT = "name: 'shop'\nconfig-version: 2\nprofile: 'shop'\n";

function project(prefix = ''): Record<string, Uint8Array> {
  return {
    [`${prefix}dbt_project.yml`]: strToU8(PROJECT),
    [`${prefix}models/staging/stg_orders.sql`]: strToU8("select * from {{ source('raw', 'orders') }}\n"),
    [`${prefix}models/staging/schema.yml`]: strToU8('version: 2\n'),
    [`${prefix}macros/cents.sql`]: strToU8('{% macro cents(x) %}{{ x }} / 100{% endmacro %}\n'),
    [`${prefix}seeds/raw_orders.csv`]: strToU8('id,status\n1,placed\n'),
    [`${prefix}tests/assert_positive.sql`]: strToU8('select 1 where 0\n'),
    [`${prefix}target/compiled/shop/models/stg_orders.sql`]: strToU8('select 1'),
    [`${prefix}target/run_results.json`]: strToU8('{}'),
    [`${prefix}dbt_packages/dbt_utils/dbt_project.yml`]: strToU8("name: 'dbt_utils'\n"),
    [`${prefix}logs/dbt.log`]: strToU8('log'),
    [`${prefix}.git/HEAD`]: strToU8('ref: refs/heads/main'),
    [`${prefix}snapshots/orders_snapshot.sql`]: strToU8('{% snapshot x %}{% endsnapshot %}'),
    [`${prefix}models/forecast.py`]: strToU8('def model(dbt, session): pass'),
  };
}

function ok(r: DbtImportResult) {
  if (!r.ok) throw new Error(`refused: ${r.error.en}`);
  return r.value;
}

function refused(r: DbtImportResult) {
  if (r.ok) throw new Error('expected a refusal, got a project');
  expect(r.error.ko.length).toBeGreaterThan(5);
  expect(r.error.en.length).toBeGreaterThan(5);
  expect(r).not.toHaveProperty('value');
  return r.error;
}

describe('importDbtZip', () => {
  it('takes the project files and leaves out build output, packages, logs and .git', () => {
    const value = ok(importDbtZip(zipSync(project())));
    expect(Object.keys(value.project.files).sort()).toEqual([
      'dbt_project.yml',
      'macros/cents.sql',
      'models/staging/schema.yml',
      'models/staging/stg_orders.sql',
      'seeds/raw_orders.csv',
      'tests/assert_positive.sql',
    ]);
    expect(value.name).toBe('shop');
    expect(value.root).toBe('');
    expect(value.project.files['seeds/raw_orders.csv']).toBe('id,status\n1,placed\n');
    // what was not taken is said, not silently dropped
    expect(value.skipped.map((s) => s.path).sort()).toEqual(['models/forecast.py', 'snapshots/orders_snapshot.sql']);
  });

  it('finds the project one folder down (a zip of the folder itself)', () => {
    const value = ok(importDbtZip(zipSync(project('jaffle_shop/'))));
    expect(value.root).toBe('jaffle_shop');
    expect(value.project.files['models/staging/stg_orders.sql']).toContain("source('raw', 'orders')");
    expect(Object.keys(value.project.files).every((p) => !p.startsWith('jaffle_shop/'))).toBe(true);
  });

  it('refuses a zip without dbt_project.yml', () => {
    const files = project();
    delete files['dbt_project.yml'];
    const error = refused(importDbtZip(zipSync(files)));
    expect(error.code).toBe('no-project');
    expect(error.ko).toContain('dbt_project.yml');
  });

  it('refuses a project two folders down rather than guessing', () => {
    expect(refused(importDbtZip(zipSync(project('a/b/')))).code).toBe('no-project');
  });

  it('refuses a path that climbs out of the project folder, even in a folder it would ignore', () => {
    const files = { ...project(), '../evil.sql': strToU8('drop table x') };
    const error = refused(importDbtZip(zipSync(files)));
    expect(error.code).toBe('path-escape');
    expect(error.path).toBe('../evil.sql');
    expect(refused(importDbtZip(zipSync({ ...project(), 'models/../../x.sql': strToU8('x') }))).code).toBe('path-escape');
  });

  it('refuses a zip whose declared unpacked size is over the ceiling, before inflating', () => {
    const big = new Uint8Array(3 * 1024 * 1024); // zeros compress about 1000:1
    const zip = zipSync({ ...project(), 'seeds/huge.csv': big });
    expect(zip.length).toBeLessThan(64 * 1024);
    const limits = { ...DEFAULT_DBT_IMPORT_LIMITS, maxTotalBytes: 1024 * 1024 };
    const error = refused(importDbtZip(zip, limits));
    expect(error.code).toBe('zip-bomb');
  });

  it('refuses a zip that lies about its sizes, counting the bytes as they inflate', () => {
    const big = new Uint8Array(4 * 1024 * 1024);
    const zip = zipSync({ 'dbt_project.yml': strToU8(PROJECT), 'seeds/lie.csv': big });
    // Rewrite the uncompressed size of seeds/lie.csv in its local header and the central directory.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let patched = 0;
    for (let i = 0; i + 4 <= zip.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50 && view.getUint32(i + 22, true) === big.length) {
        view.setUint32(i + 22, 100, true);
        patched++;
      }
      if (sig === 0x02014b50 && view.getUint32(i + 24, true) === big.length) {
        view.setUint32(i + 24, 100, true);
        patched++;
      }
    }
    expect(patched).toBe(2);
    const limits = { ...DEFAULT_DBT_IMPORT_LIMITS, maxTotalBytes: 1024 * 1024 };
    const error = refused(importDbtZip(zip, limits));
    expect(error.code).toBe('zip-bomb');
    expect(error.path).toBe('seeds/lie.csv');
  });

  it('refuses a single file over its own ceiling', () => {
    const csv = strToU8(`id\n${'1\n'.repeat(600_000)}`);
    const limits = { ...DEFAULT_DBT_IMPORT_LIMITS, maxSeedFileBytes: 1024 * 1024 };
    const error = refused(importDbtZip(zipSync({ ...project(), 'seeds/big.csv': csv }), limits));
    expect(error.code).toBe('file-too-large');
    expect(error.path).toBe('seeds/big.csv');
  });

  it('refuses a binary file where SQL is expected', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const error = refused(importDbtZip(zipSync({ ...project(), 'models/logo.sql': png })));
    expect(error.code).toBe('binary-file');
    expect(error.path).toBe('models/logo.sql');
  });

  it('refuses something that is not a zip', () => {
    expect(refused(importDbtZip(strToU8('this is not a zip file at all, just text'))).code).toBe('zip-broken');
  });
});

describe('importDbtFiles', () => {
  it('reads a picked folder (paths start with the folder name) and strips a BOM', () => {
    const files = Object.entries(project('my_project/')).map(([path, bytes]) => ({ path, bytes }));
    files.push({ path: 'my_project/models/bom.sql', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('select 1')]) });
    const value = ok(importDbtFiles(files));
    expect(value.root).toBe('my_project');
    expect(value.project.files['models/bom.sql']).toBe('select 1');
    expect(value.project.files['tests/assert_positive.sql']).toBe('select 1 where 0\n');
  });

  it('reads a project whose dbt_project.yml names other folders (seed-paths: [data])', () => {
    const files = [
      { path: 'dbt_project.yml', bytes: strToU8(`${PROJECT}seed-paths: ["data"]\n`) },
      { path: 'data/raw.csv', bytes: strToU8('a\n1\n') },
      { path: 'models/m.sql', bytes: strToU8('select 1') },
    ];
    expect(Object.keys(ok(importDbtFiles(files)).project.files).sort()).toEqual(['data/raw.csv', 'dbt_project.yml', 'models/m.sql']);
  });

  it('refuses Windows-style escapes and invalid UTF-8 text', () => {
    const base = [{ path: 'dbt_project.yml', bytes: strToU8(PROJECT) }];
    expect(refused(importDbtFiles([...base, { path: '..\\..\\x.sql', bytes: strToU8('x') }])).code).toBe('path-escape');
    expect(refused(importDbtFiles([...base, { path: 'C:/x.sql', bytes: strToU8('x') }])).code).toBe('path-escape');
    const latin1 = new Uint8Array([0x73, 0x65, 0x6c, 0xe9, 0x63, 0x74]);
    expect(refused(importDbtFiles([...base, { path: 'models/x.sql', bytes: latin1 }])).code).toBe('binary-file');
  });

  it('refuses two projects side by side instead of picking one', () => {
    const files = [
      { path: 'a/dbt_project.yml', bytes: strToU8(PROJECT) },
      { path: 'b/dbt_project.yml', bytes: strToU8(PROJECT) },
    ];
    expect(refused(importDbtFiles(files)).code).toBe('ambiguous-project');
  });
});
