import { afterEach, describe, expect, it } from 'vitest';
import { createNodeWorker } from '../../../scripts/lib/node-worker.ts';
import { ModelsCancelledError, ModelsClient, type BuildEvent } from '../../../renderer/workbench/models-client.ts';

const worker = () => createNodeWorker(new URL('../../../scripts/lib/node-models-worker-entry.ts', import.meta.url));

const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i % 7}`).join('\n');
const FILES = {
  'dbt_project.yml': 'name: shop\n',
  'seeds/raw.csv': `id,grp\n${rows}\n`,
  'models/stg.sql': "select id, grp from {{ ref('raw') }}",
  'models/agg.sql': "{{ config(materialized='table') }}\nselect grp, count(*) as n from {{ ref('stg') }} group by grp",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: agg\n    columns:\n      - name: grp\n        data_tests: [unique]\n',
};

let client: ModelsClient | null = null;
afterEach(() => client?.dispose());

describe('ModelsClient on a worker thread', () => {
  it('checks, builds with per-node progress, compiles, queries and exports the built database', async () => {
    client = new ModelsClient({ createWorker: worker, databaseBytes: () => Promise.reject(new Error('no catalog here')) });
    const check = await client.check({ files: { ...FILES, 'models/bad.sql': "select * from {{ ref('stgg') }}" } });
    expect(check.problems.find((p) => p.file === 'models/bad.sql')?.message.code).toBe('ref-missing');
    const events: BuildEvent[] = [];
    const result = await client.build({ files: FILES }, { onEvent: (e) => events.push(e) });
    expect(result.ok).toBe(true);
    expect(events.filter((e) => e.node.state === 'running').map((e) => e.node.name)).toEqual(['raw', 'stg', 'agg', 'unique_agg_grp']);
    expect(events.at(-1)).toMatchObject({ done: 4, total: 4 });
    expect(result.lineage.nodes.find((n) => n.id === 'model.agg')?.tests?.pass).toBe(1);
    const compiled = await client.compile({ files: FILES }, 'agg');
    expect(compiled.sql).toContain('from "main"."stg" group by grp');
    const q = await client.query('select sum(n) from agg', 10);
    expect(q.results[0]?.rows).toEqual([[3000]]);
    const bytes = await client.exportDatabase();
    expect(new TextDecoder().decode(bytes.slice(0, 15))).toBe('SQLite format 3');
  });

  it('reads the project database in the worker and builds on its bytes, a build being the first request', async () => {
    const asked: string[] = [];
    client = new ModelsClient({
      createWorker: worker,
      databaseBytes: (id) => {
        asked.push(id);
        return Promise.resolve(new Uint8Array(0));
      },
    });
    const files = { ...FILES, 'dbt_project.yml': 'name: shop\nvars:\n  datalit_database: shop_db\n' };
    // Nothing is in flight: the build starts on an idle worker (no request kept busy ahead of it).
    const result = await client.build({ files });
    expect(result.ok).toBe(true);
    expect(asked).toEqual(['shop_db']);
    expect(await client.database({ files: FILES })).toBeNull();
    // Cancelled while it is still asking which database: it never starts.
    const op = client.build({ files });
    client.cancel();
    await expect(op).rejects.toBeInstanceOf(ModelsCancelledError);
    expect((await client.build({ files: FILES })).ok).toBe(true);
  });

  it('cancel stops a running build and the client keeps working', async () => {
    client = new ModelsClient({ createWorker: worker });
    const slow = { ...FILES, 'models/slow.sql': "{{ config(materialized='table') }}\nselect count(*) as n from {{ ref('raw') }} a, {{ ref('raw') }} b, {{ ref('raw') }} c" };
    let started = false;
    const op = client.build({ files: slow }, { onEvent: (e) => (started ||= e.node.name === 'slow' && e.node.state === 'running') });
    while (!started) await new Promise((r) => setTimeout(r, 20));
    client.cancel();
    await expect(op).rejects.toBeInstanceOf(ModelsCancelledError);
    const again = await client.build({ files: FILES });
    expect(again.ok).toBe(true);
  });
});
