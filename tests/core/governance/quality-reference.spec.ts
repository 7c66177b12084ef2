import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQualityFile, runQualityHistory } from '../../../core/governance/quality/run.ts';
import type { QualityRun } from '../../../core/governance/types.ts';
import { nodeQualitySources } from '../../../scripts/lib/node-quality.ts';

/*
 * The reference check file for Hanbit (lessons/_reference/quality/hanbit-checks.yml) catches every
 * planted problem of the manifest with exactly its count (production ones as their detectSql counts
 * them, lake ones by their rule), on the visible data and on the hidden variant (against the
 * variant's own manifest), and passes every check on healthy columns.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DATASETS = join(ROOT, 'public', 'datasets');
const YAML = readFileSync(join(ROOT, 'lessons', '_reference', 'quality', 'hanbit-checks.yml'), 'utf8');

interface Planted {
  id: string;
  count: number;
  database: string | null;
  detectSql: string | null;
}

function manifest(dir: string): Planted[] {
  return (JSON.parse(readFileSync(join(dir, 'hanbit-manifest.json'), 'utf8')) as { plantedProblems: Planted[] }).plantedProblems;
}

async function verify(dir: string): Promise<void> {
  const sources = await nodeQualitySources(dir);
  try {
    const run: QualityRun = await runQualityFile(YAML, sources);
    expect(run.problems).toEqual([]);
    const planted = manifest(dir);
    expect(planted.length).toBeGreaterThanOrEqual(20);
    const byId = new Map(run.results.map((r) => [r.check.id, r]));
    for (const p of planted) {
      const r = byId.get(p.id);
      expect(r, `a check named ${p.id}`).toBeDefined();
      expect([p.id, r?.outcome === 'fail' || r?.outcome === 'warn', r?.failingCount]).toEqual([p.id, true, p.count]);
      expect(r?.failingRows.rows.length).toBe(Math.min(100, p.count));
      if (p.detectSql !== null && p.database !== null) {
        // The manifest's own query on the same copy agrees (the manifest and the data belong together).
        const detected = sources.database(p.database)?.exec(p.detectSql)[0]?.values[0]?.[0];
        expect([p.id, Number(detected)]).toEqual([p.id, p.count]);
      }
    }
    const healthy = run.results.filter((r) => !planted.some((p) => p.id === r.check.id));
    expect(healthy.length).toBeGreaterThanOrEqual(25);
    expect(healthy.filter((r) => r.outcome !== 'pass').map((r) => `${r.check.id}: ${r.outcome} ${r.value}`)).toEqual([]);
  } finally {
    sources.close();
  }
}

describe('the reference checks for Hanbit', () => {
  it('catch every planted problem with its exact count and pass on healthy columns (visible data)', async () => {
    await verify(DATASETS);
  }, 600_000);

  it('do the same on the hidden variant, against its own manifest', async () => {
    const variant = manifest(join(DATASETS, 'variants'));
    const visible = manifest(DATASETS);
    // The variant really differs, so passing it is not passing the visible data twice.
    expect(variant.some((p) => visible.find((v) => v.id === p.id)?.count !== p.count)).toBe(true);
    await verify(join(DATASETS, 'variants'));
  }, 600_000);
});

describe('the reference history (production and warehouse blocks)', () => {
  const dbOnly = YAML.slice(0, YAML.indexOf('# ------------------------------------------------------------------ data lake'));
  let sources: Awaited<ReturnType<typeof nodeQualitySources>>;
  beforeAll(async () => {
    sources = await nodeQualitySources(DATASETS);
  });
  afterAll(() => sources.close());

  it('covers every day of the dataset, ends where the whole-data run ends, and names the day each source broke', async () => {
    const started = Date.now();
    const h = await runQualityHistory(dbOnly, sources);
    const elapsed = Date.now() - started;
    expect(h.problems).toEqual([]);
    expect(h.days[0]).toBe('2024-07-01');
    expect(h.days.at(-1)).toBe('2025-12-31');
    expect(h.days).toHaveLength(549);
    const whole = await runQualityFile(dbOnly, sources);
    for (const r of whole.results) {
      const last = h.outcomes[r.check.id]?.at(-1);
      expect([r.check.id, last?.outcome, last?.value]).toEqual([r.check.id, r.outcome, r.value]);
    }
    // Customers with a NULL e-mail existed before the period: failing from the first day, so it never "broke" in it.
    expect(h.outcomes['prod-null-emails']?.[0]?.outcome).toBe('fail');
    // Duplicate payments started inside the period: the history names the day, and the day before passed.
    const broke = h.brokeOn['prod-duplicate-payments'];
    expect(broke).toMatch(/^2024-|^2025-/);
    const i = h.days.indexOf(broke as string);
    expect(h.outcomes['prod-duplicate-payments']?.[i - 1]?.outcome).toBe('pass');
    expect(h.outcomes['prod-duplicate-payments']?.[i]?.outcome).toBe('fail');
    // The same day as of a run.
    const asOf = await runQualityFile(dbOnly, sources, { asOf: broke as string });
    expect(asOf.results.find((r) => r.check.id === 'prod-duplicate-payments')?.outcome).toBe('fail');
    const before = await runQualityFile(dbOnly, sources, { asOf: h.days[i - 1] as string });
    expect(before.results.find((r) => r.check.id === 'prod-duplicate-payments')?.outcome).toBe('pass');
    // One query per check: far from 549 days × checks.
    expect(elapsed).toBeLessThan(60_000);
  }, 300_000);
});

describe('the reference check file as Korean learners see it in the editor', () => {
  it('says every comment in Korean, then in English', () => {
    // Comment blocks: consecutive comment lines (the dashed rules alone are no words).
    const blocks: string[][] = [];
    let current: string[] = [];
    for (const line of YAML.split('\n')) {
      const m = /^\s*#\s?(.*)$/.exec(line);
      const text = m ? (m[1] ?? '').replace(/^-+$/, '').trim() : null;
      if (text === null) {
        if (current.length > 0) blocks.push(current);
        current = [];
      } else if (text !== '') current.push(text);
    }
    if (current.length > 0) blocks.push(current);
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) {
      const firstEnglish = block.findIndex((l) => !/[가-힣]/.test(l) && /[A-Za-z]{3,}/.test(l));
      const korean = block.findIndex((l) => /[가-힣]/.test(l));
      expect({ block, korean: korean >= 0, first: korean < firstEnglish || firstEnglish < 0 }).toEqual({ block, korean: true, first: true });
    }
  });
});
