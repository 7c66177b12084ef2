import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { localizeLessonSpec, plainTitles } from '../../core/charts/lesson-chart.ts';
import { parseLessonPack } from '../../core/lessons/load.ts';
import { ChartSchema } from '../../core/lessons/kinds/read.ts';
import { chartConfig } from '../../renderer/charts/vega-config.ts';

const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'lessons', '_sample', 'sample-basics');
const L1 = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'lessons', 't0-orientation', 't0-l1-data-literacy', 'lesson.json'), 'utf8')) as {
  steps: { id: string; chart?: { sql: string; spec: Record<string, unknown>; titles: Record<string, { ko: string; en: string }> } }[];
};
const L1_CHART = L1.steps.find((s) => s.id === 'meet-the-data')!.chart!;

function samplePackWithChart(chart: unknown) {
  const json = JSON.parse(readFileSync(join(SAMPLE_DIR, 'lesson.json'), 'utf8')) as { steps: Record<string, unknown>[] };
  json.steps.find((s) => s.id === 'meet-the-data')!.chart = chart;
  return parseLessonPack({
    trackFolder: '_sample',
    lessonFolder: 'sample-basics',
    files: {
      'lesson.json': JSON.stringify(json),
      'ko.md': readFileSync(join(SAMPLE_DIR, 'ko.md'), 'utf8'),
      'en.md': readFileSync(join(SAMPLE_DIR, 'en.md'), 'utf8'),
    },
  });
}

// The texts Vega draws for a spec over rows (axis labels and titles), as the learner sees them.
async function drawnTexts(spec: Record<string, unknown>, values: Record<string, unknown>[], lang: string): Promise<string[]> {
  const vg = compile({ ...spec, data: { values }, width: 600, height: 200 } as TopLevelSpec, { config: chartConfig(lang, false) as Config }).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  return [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) => m[1]!);
}

const MONTHS = Array.from({ length: 18 }, (_, i) => ({
  month: `${2024 + Math.floor((i + 6) / 12)}-${String(((i + 6) % 12) + 1).padStart(2, '0')}`,
  orders: 4_000 + i * 311,
}));

describe('lesson chart schema', () => {
  const spec = { mark: 'bar', encoding: { x: { field: 'month', type: 'ordinal' }, y: { field: 'orders', type: 'quantitative' } } };
  const titles = { month: { ko: '월', en: 'Month' }, orders: { ko: '주문 수', en: 'Orders' } };

  it('accepts titles given per field in Korean and English, or { ko, en } inside the encoding', () => {
    expect(ChartSchema.safeParse({ sql: 'SELECT 1', spec, titles }).success).toBe(true);
    const inline = { mark: 'bar', encoding: { x: { field: 'month', type: 'ordinal', title: titles.month }, y: { field: 'orders', type: 'quantitative', title: null } } };
    expect(ChartSchema.safeParse({ sql: 'SELECT 1', spec: inline }).success).toBe(true);
  });

  it('refuses a plain-string title, an encoded field with no title, and a title for a field it does not encode', () => {
    const plain = { mark: 'bar', encoding: { ...spec.encoding, x: { field: 'month', type: 'ordinal', title: 'month' } } };
    const refused = ChartSchema.safeParse({ sql: 'SELECT 1', spec: plain, titles });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message).join(' ')).toContain('a chart title must be localised');
    expect(refused.error?.issues[0]?.path).toEqual(['spec', 'encoding', 'x', 'title']);

    const untitled = ChartSchema.safeParse({ sql: 'SELECT 1', spec, titles: { month: titles.month } });
    expect(untitled.error?.issues.map((i) => i.message)).toEqual([
      `the chart encodes field 'orders' with no title in Korean and English: add "titles": { "orders": { "ko": …, "en": … } }`,
    ]);

    const stray = ChartSchema.safeParse({ sql: 'SELECT 1', spec, titles: { ...titles, revenue: { ko: '매출', en: 'Revenue' } } });
    expect(stray.error?.issues.map((i) => i.message)).toEqual([`the chart encodes no field 'revenue'`]);
    expect(ChartSchema.safeParse({ sql: 'SELECT 1', spec, titles: { ...titles, month: { ko: '월', en: ' ' } } }).success).toBe(false);
  });

  it('makes the lesson loader (lessons:check) refuse a lesson whose chart has an English-only title', () => {
    const refused = samplePackWithChart({ ...L1_CHART, spec: { mark: 'bar', encoding: { x: { field: 'month', type: 'ordinal', title: 'month' }, y: { field: 'orders', type: 'quantitative' } } } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toContain('a chart title must be localised');
    expect(samplePackWithChart(L1_CHART).ok).toBe(true);
  });

  it('lists every title that is not localised, at any depth', () => {
    expect(plainTitles({ title: 'Orders', layer: [{ encoding: { x: { title: ['a', 'b'] }, y: { title: { ko: '가', en: 'A' } }, color: { title: null } } }] })).toEqual([
      'title',
      'layer[0].encoding.x.title',
    ]);
  });
});

describe('a lesson chart in the UI language', () => {
  it('draws L1’s chart with Korean titles, Korean month names and thousands separators', async () => {
    const ko = await drawnTexts(localizeLessonSpec(L1_CHART.spec, L1_CHART.titles, 'ko'), MONTHS, 'ko');
    expect(ko).toContain('월');
    expect(ko).toContain('주문 수');
    expect(ko).toEqual(expect.arrayContaining(['7월', '2024', '2월', '2025', '4,000']));
    expect(ko).not.toContain('month');
    expect(ko.some((t) => /Jan|Feb|Mar/.test(t))).toBe(false);

    const en = await drawnTexts(localizeLessonSpec(L1_CHART.spec, L1_CHART.titles, 'en'), MONTHS, 'en');
    expect(en).toEqual(expect.arrayContaining(['Month', 'Orders', 'Jul', 'Feb', '2025', '4,000']));
    expect(en).not.toContain('주문 수');
  });

  it('writes hourly axes the way each language writes days and hours, without changing the lesson’s spec', async () => {
    const spec = { mark: 'line', encoding: { x: { field: 'hour', type: 'temporal' }, y: { field: 'requests', type: 'quantitative' } } };
    const before = JSON.stringify(spec);
    const hours = Array.from({ length: 72 }, (_, i) => ({ hour: `2025-12-1${Math.floor(i / 24)}T${String(i % 24).padStart(2, '0')}:00`, requests: 900 + i }));
    const titles = { hour: { ko: '시각', en: 'Hour' }, requests: { ko: '요청 수', en: 'Requests' } };
    const ko = await drawnTexts(localizeLessonSpec(spec, titles, 'ko'), hours, 'ko');
    expect(ko).toEqual(expect.arrayContaining(['시각', '요청 수', '12월 11일', '오후 12시']));
    const en = await drawnTexts(localizeLessonSpec(spec, titles, 'en'), hours, 'en');
    expect(en).toEqual(expect.arrayContaining(['Hour', 'Requests', 'Dec 11', '12 PM']));
    expect(JSON.stringify(spec)).toBe(before);
  });
});
