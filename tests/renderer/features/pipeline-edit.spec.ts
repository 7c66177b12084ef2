import { describe, expect, it } from 'vitest';
import { PipelineSchema } from '../../../core/pipeline/schema.ts';
import { pipelinesDoc } from '../../../core/pipeline/pipelines-doc.ts';
import {
  addTask,
  connectTasks,
  deleteTask,
  renameTask,
  rerunSet,
  tablesWritten,
  unrecordedTables,
} from '../../../renderer/features/pipeline/pipeline-edit.ts';
import { starterPipeline } from '../../../renderer/features/pipeline/starter.ts';

const chain = () =>
  PipelineSchema.parse({
    formatVersion: 1,
    id: 'p',
    database: 'hanbit-warehouse-empty',
    tasks: [
      { id: 'extract', kind: 'extract', path: 'exports/a.csv', source: { format: 'csv' }, target: 'stg_a' },
      { id: 'clean', kind: 'sql', sql: 'CREATE TABLE clean_a AS SELECT * FROM stg_a' },
      { id: 'load', kind: 'sql', sql: "-- INSERT INTO not_this\nDELETE FROM fact_a WHERE d = '{{ ds }}';\nINSERT INTO fact_a SELECT * FROM clean_a" },
      { id: 'report', kind: 'sql', sql: 'SELECT 1' },
    ],
    edges: [
      { from: 'extract', to: 'clean' },
      { from: 'clean', to: 'load' },
    ],
  });

describe('pipeline edits', () => {
  it('refuses an arrow that closes a cycle, naming its tasks in order from the arrow’s target', () => {
    const result = connectTasks(chain(), { from: 'load', to: 'extract' });
    expect(result).toEqual({ ok: false, reason: 'cycle', cycle: ['extract', 'clean', 'load'] });
    expect(connectTasks(chain(), { from: 'load', to: 'load' })).toMatchObject({ ok: false, reason: 'self' });
    expect(connectTasks(chain(), { from: 'extract', to: 'clean' })).toMatchObject({ ok: false, reason: 'duplicate' });
  });

  it('adds an arrow that keeps the graph acyclic, and re-runs a task with everything downstream in order', () => {
    const result = connectTasks(chain(), { from: 'load', to: 'report' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pipeline.edges).toContainEqual({ from: 'load', to: 'report' });
    expect(rerunSet(result.pipeline, 'clean')).toEqual(['clean', 'load', 'report']);
  });

  it('renames a task with its arrows and saved position; refuses a taken or invalid name', () => {
    const p = { ...chain(), layout: { clean: { x: 1, y: 2 } } };
    const result = renameTask(p, 'clean', 'clean_spend');
    expect(result.ok && result.pipeline.edges).toEqual([
      { from: 'extract', to: 'clean_spend' },
      { from: 'clean_spend', to: 'load' },
    ]);
    expect(result.ok && result.pipeline.layout).toEqual({ clean_spend: { x: 1, y: 2 } });
    expect(renameTask(p, 'clean', 'load')).toMatchObject({ ok: false, reason: 'taken' });
    expect(renameTask(p, 'clean', '2bad name')).toMatchObject({ ok: false, reason: 'badId' });
  });

  it('deletes a task with its arrows; a new task gets a free name and runs after the selected one', () => {
    const gone = deleteTask(chain(), 'clean');
    expect(gone.tasks.map((t) => t.id)).toEqual(['extract', 'load', 'report']);
    expect(gone.edges).toEqual([]);
    const { pipeline, id } = addTask(chain(), 'sql', { path: 'x', after: 'load' });
    expect(id).toBe('transform_1');
    expect(pipeline.edges).toContainEqual({ from: 'load', to: 'transform_1' });
    expect(PipelineSchema.safeParse(addTask(chain(), 'extract', { path: 'exports/a.csv' }).pipeline).success).toBe(true);
  });

  it('lists the tables a pipeline loads without an owner-and-purpose record (not commented-out ones, not staging)', () => {
    expect(tablesWritten(chain().tasks[2]!)).toEqual(['fact_a']);
    expect(unrecordedTables(chain())).toEqual(['clean_a', 'fact_a']);
    const recorded = { ...chain(), tables: [{ table: 'fact_a', owner: 'Sales', purpose: 'Daily sales' }] };
    expect(unrecordedTables(recorded)).toEqual(['clean_a']);
  });
});

describe('the starter pipeline', () => {
  it('is a valid saved pipeline that extracts a lake CSV, cleans it and loads a day idempotently', () => {
    const p = starterPipeline();
    expect(PipelineSchema.safeParse(p).success).toBe(true);
    expect(p.tasks.map((t) => t.kind)).toEqual(['extract', 'sql', 'sql']);
    const load = p.tasks[2]!;
    expect(load.kind === 'sql' && /DELETE FROM marketing_spend WHERE spend_date = '\{\{ ds \}\}'/.test(load.sql)).toBe(true);
    expect(unrecordedTables(p)).toEqual([]);
  });

  it('speaks the UI language in its comments and records, with the same SQL', () => {
    const strip = (p: ReturnType<typeof starterPipeline>) =>
      p.tasks.map((t) => (t.kind === 'sql' ? t.sql.split('\n').filter((l) => !l.startsWith('--')).join('\n') : t.path));
    const ko = starterPipeline('ko');
    expect(strip(ko)).toEqual(strip(starterPipeline('en')));
    expect(ko.tasks[1]!.kind === 'sql' && ko.tasks[1]!.sql).toMatch(/^-- 날짜/);
    expect(ko.tables.map((r) => r.owner)).toContain('마케팅팀');
  });

  it('round-trips through the saved document, and a damaged pipeline is left out while the others stay', () => {
    const good = starterPipeline();
    const restored = pipelinesDoc.salvage({ version: 1, pipelines: { [good.id]: good, broken: { id: 'broken' } }, current: good.id });
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.value.pipelines[good.id]).toEqual(good);
    expect(restored.dropped).toEqual([{ field: 'pipelines', count: 1 }]);
  });
});
