import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { buildProject, loadProject, planProject, sqlEngineModelEngine } from '../../../core/models/index.ts';
import { modelsDoc } from '../../../core/models/project-doc.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';
import { starterProject, STARTER_OPEN_PATH } from '../../../renderer/features/models/starter-project.ts';
import { deleteFile, fileTree, languageOf, newFilePath, newFileText, pathProblem, renameFile } from '../../../renderer/features/models/project-files.ts';
import { createWorkbenchStore } from '../../../renderer/features/models/workbench-store.ts';
import { createController } from '../../../renderer/features/models/workbench-actions.ts';
import type { BuildProgress, ModelsEngine } from '../../../renderer/features/models/engine.ts';
import { lineageState, testTallies } from '../../../renderer/features/models/node-states.ts';

/**
 * The model workbench's own logic: the starter project a new learner meets (it must build and
 * pass its tests on the Hanbit warehouse, with the same engine as the app), the file tree and its
 * naming rules, and how a build's outcomes reach the store and the lineage colours.
 */

describe('the starter project', () => {
  it('checks clean, builds every model on the Hanbit warehouse and passes every test', async () => {
    const project = starterProject();
    expect(project.files[STARTER_OPEN_PATH]).toBeDefined();
    const loaded = loadProject(project);
    expect(loaded.problems).toEqual([]);
    expect(loaded.database).toBe('hanbit-warehouse');
    expect(loaded.models.map((m) => m.name).sort()).toEqual(['customer_orders', 'stg_customers', 'stg_orders']);

    const SQL = await initSqlJs();
    const engine = new SqlEngine(SQL);
    engine.open(new Uint8Array(readFileSync('public/datasets/hanbit-warehouse.sqlite')));
    const plan = planProject(loaded);
    expect(plan.problems).toEqual([]);
    const result = await buildProject(plan, sqlEngineModelEngine(engine));
    const bad = result.nodes.filter((n) => n.state !== 'success' && n.state !== 'pass').map((n) => `${n.id}: ${n.state} ${n.message?.text.en ?? ''}`);
    expect(bad).toEqual([]);
    expect(result.ok).toBe(true);
    // The Jinja loop made one column per status; the macro rounded revenue to thousands.
    const mart = engine.exec('select * from customer_orders order by customer_id limit 1', 10).results[0]!;
    expect(mart.columns.map((c) => c.name)).toEqual([
      'customer_id',
      'region',
      'order_count',
      'delivered_orders',
      'shipped_orders',
      'refunded_orders',
      'cancelled_orders',
      'net_revenue_k',
    ]);
    const tests = result.nodes.filter((n) => n.type === 'test');
    expect(tests.length).toBeGreaterThanOrEqual(9);
  }, 60_000);

  it('is what an untouched saved document stands for (the document keeps no copy until the learner edits)', () => {
    const doc = modelsDoc.defaults();
    expect(doc.project).toBeNull();
    expect(modelsDoc.restore({ version: 1, project: starterProject(), openPath: 'models/marts/customer_orders.sql' }).ok).toBe(true);
    expect(modelsDoc.restore({ version: 1, project: { files: { a: 1 } } }).ok).toBe(false);
  });
});

describe('project files', () => {
  it('are shown as folders first (models, staging before marts, macros, tests, seeds), then files', () => {
    const tree = fileTree(starterProject());
    expect(tree.map((n) => n.name)).toEqual(['models', 'macros', 'tests', 'seeds', 'dbt_project.yml']);
    const models = tree[0]!;
    expect(models.kind === 'folder' && models.children.map((n) => n.name)).toEqual(['staging', 'marts']);
  });

  it('open in SQL or YAML by extension', () => {
    expect(languageOf('models/a.sql')).toBe('sql');
    expect(languageOf('models/schema.yml')).toBe('yaml');
    expect(languageOf('dbt_project.yaml')).toBe('yaml');
    expect(languageOf('seeds/x.csv')).toBe('plaintext');
  });

  it('refuse names that cannot be a model, clash with a file or have no known extension', () => {
    const p = starterProject();
    expect(pathProblem(p, newFilePath('staging', ''))).toBe('empty');
    expect(pathProblem(p, newFilePath('staging', 'stg orders'))).toBe('chars');
    expect(pathProblem(p, newFilePath('staging', '1stg'))).toBe('chars');
    expect(pathProblem(p, newFilePath('staging', 'stg_orders'))).toBe('exists');
    expect(pathProblem(p, 'models/x.txt')).toBe('extension');
    expect(pathProblem(p, newFilePath('mart', 'mart_daily'))).toBeNull();
    // Renaming a file to itself is not a clash.
    expect(pathProblem(p, 'models/staging/stg_orders.sql', 'models/staging/stg_orders.sql')).toBeNull();
    expect(newFilePath('yaml', 'schema')).toBe('models/schema.yml');
    expect(newFilePath('seed', 'regions.csv')).toBe('seeds/regions.csv');
  });

  it('rename keeps the text and delete removes only that file', () => {
    const p = starterProject();
    const renamed = renameFile(p, 'models/staging/stg_orders.sql', 'models/staging/stg_order.sql');
    expect(renamed.files['models/staging/stg_order.sql']).toBe(p.files['models/staging/stg_orders.sql']);
    expect(renamed.files['models/staging/stg_orders.sql']).toBeUndefined();
    expect(Object.keys(deleteFile(p, 'seeds/regions.csv').files)).toHaveLength(Object.keys(p.files).length - 1);
  });

  it('new files start from something that loads without problems', () => {
    for (const kind of ['staging', 'mart', 'macro', 'test', 'seed'] as const) {
      const project = starterProject();
      project.files[newFilePath(kind, 'extra_file')] = newFileText(kind, 'extra_file');
      const problems = loadProject(project).problems.map((p) => `${p.file}:${p.line} ${p.message.text.en}`);
      expect(problems, kind).toEqual([]);
    }
  });
});

describe('the workbench store', () => {
  it('records a build as it goes, points the Tests tab at a failing test and remembers what was built', () => {
    const store = createWorkbenchStore('models/staging/stg_orders.sql');
    const s = () => store.getState();
    s().buildStarted('+stg_orders', starterProject());
    expect(s().build?.running).toBe(true);
    s().buildProgressed({ outcome: { id: 'model.stg_orders', state: 'running' }, done: 0, total: 2 });
    s().buildProgressed({ outcome: { id: 'model.stg_orders', state: 'success', rows: 3 }, done: 1, total: 2 });
    s().buildFinished({
      cancelled: false,
      outcomes: [
        { id: 'model.stg_orders', state: 'success', rows: 3 },
        { id: 'test.unique_stg_orders_order_id', state: 'fail', rows: 2 },
      ],
    });
    expect(s().build?.running).toBe(false);
    expect(s().build?.order).toEqual(['model.stg_orders', 'test.unique_stg_orders_order_id']);
    expect(s().selectedTest).toBe('test.unique_stg_orders_order_id');
    expect(s().built['model.stg_orders']).toBe(true);
    s().projectReplaced(null);
    expect(s().build).toBeNull();
    expect(s().built).toEqual({});
  });

  it('applies a burst of build events as one change, leaving unchanged nodes as they were', async () => {
    const store = createWorkbenchStore(null);
    const ids = Array.from({ length: 40 }, (_, i) => `model.m${i}`);
    let release = () => {};
    const engine: ModelsEngine = {
      check: async () => ({ graph: { nodes: [], edges: [] }, problems: [] }),
      async build(_project, { onProgress }) {
        // The first node is reported before the burst; the burst then reports every node twice.
        onProgress({ outcome: { id: ids[0]!, state: 'success', rows: 1 }, done: 1, total: ids.length });
        await new Promise((r) => setTimeout(r, 40));
        const burst: BuildProgress[] = ids.slice(1).flatMap((id, i) => [
          { outcome: { id, state: 'running' as const }, done: i + 1, total: ids.length },
          { outcome: { id, state: 'success' as const, rows: i }, done: i + 2, total: ids.length },
        ]);
        for (const p of burst) onProgress(p);
        await new Promise<void>((r) => (release = r));
        return { outcomes: [], cancelled: false };
      },
      cancel() {},
      compile: async () => ({ ok: true, sql: '' }),
      preview: async () => ({ columns: [], rows: [], rowCount: 0 }),
    };
    const controller = createController(store, engine, () => starterProject());
    let changes = 0;
    store.subscribe(() => changes++);
    const building = controller.build();
    await new Promise((r) => setTimeout(r, 20));
    const first = store.getState().build!.outcomes[ids[0]!];
    expect(first?.state).toBe('success');
    changes = 0;
    await new Promise((r) => setTimeout(r, 80));
    // 78 events, one store change: the log re-renders once for them, not 78 times.
    expect(changes).toBe(1);
    const build = store.getState().build!;
    expect(build.order).toEqual(ids);
    expect(build.done).toBe(ids.length);
    expect(Object.values(build.outcomes).every((o) => o.state === 'success')).toBe(true);
    // The node that did not move keeps its object, so its memoised row is not drawn again.
    expect(build.outcomes[ids[0]!]).toBe(first);
    expect(Object.keys(store.getState().built)).toHaveLength(ids.length);
    release();
    await building;
    expect(store.getState().build?.running).toBe(false);
  });
});

describe('lineage colours', () => {
  const graph = {
    nodes: [
      { id: 'model.a', kind: 'model' as const, name: 'a' },
      { id: 'test.t1', kind: 'test' as const, name: 't1', attachedTo: 'model.a' },
      { id: 'test.t2', kind: 'test' as const, name: 't2', attachedTo: 'model.a' },
    ],
    edges: [],
  };
  it('show a built model by its tests (a failing test wins) and an unbuilt one by its build state', () => {
    const outcomes = {
      'model.a': { id: 'model.a', state: 'success' as const },
      'test.t1': { id: 'test.t1', state: 'pass' as const },
      'test.t2': { id: 'test.t2', state: 'fail' as const },
    };
    const tallies = testTallies(graph, outcomes);
    expect(tallies['model.a']).toMatchObject({ pass: 1, fail: 1, total: 2 });
    expect(lineageState(graph.nodes[0]!, outcomes['model.a'], tallies['model.a'])).toBe('fail');
    const passing = { ...outcomes, 'test.t2': { id: 'test.t2', state: 'pass' as const } };
    expect(lineageState(graph.nodes[0]!, passing['model.a'], testTallies(graph, passing)['model.a'])).toBe('pass');
    expect(lineageState(graph.nodes[0]!, { id: 'model.a', state: 'skipped' }, undefined)).toBe('upstream_failed');
    expect(lineageState(graph.nodes[0]!, undefined, undefined)).toBe('idle');
  });
});
