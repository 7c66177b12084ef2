import { describe, expect, it } from 'vitest';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { buildSpec, defaultChoice } from '../../../core/charts/spec.ts';
import type { Cell, ColumnInfo } from '../../../core/sql/protocol.ts';
import { chartConfig } from '../../../renderer/charts/vega-config.ts';

/** Draws an automatic chart as the app does (vega-interpreter, no eval) and returns its SVG text. */
async function draw(columns: ColumnInfo[], rows: Cell[][], lang = 'en'): Promise<string> {
  const spec = buildSpec(defaultChoice(columns, rows), columns, rows)!;
  const sized = { ...spec, width: 600, height: 300, autosize: { type: 'pad' } };
  const vg = compile(sized as unknown as TopLevelSpec, { config: chartConfig(lang, false) as Config }).spec;
  const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

const labels = (svg: string, role: string) =>
  [...svg.matchAll(new RegExp(`<g class="mark-text role-${role}"[^]*?</g>`, 'g'))].flatMap((m) =>
    [...m[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]),
  );

const cols = (...names: string[]): ColumnInfo[] => names.map((name) => ({ name, declType: null }));
const monthRows: Cell[][] = ['2024-07', '2024-08', '2024-09', '2024-10'].flatMap((m, i) => [
  [m, 'android', 12_038_080 + i * 500_000],
  [m, 'ios', 6_393_080 + i * 400_000],
  [m, 'web', 10_875_160 + i * 300_000],
]);

describe('automatic charts as drawn', () => {
  it('draws one line per platform with a colour legend of the three platforms', async () => {
    const svg = await draw(cols('month', 'platform', 'revenue'), monthRows);
    expect(labels(svg, 'legend-label')).toEqual(['android', 'ios', 'web']);
    // Three line paths, one per series, not one sawtooth through all nine rows.
    const lines = svg
      .split(/class="mark-line role-mark[^"]*"/)
      .slice(1)
      .flatMap((part) => part.split('</g>')[0]!.match(/<path /g) ?? []);
    expect(lines).toHaveLength(3);
  });

  it('draws a single line when there is no category to split by', async () => {
    const svg = await draw(cols('month', 'revenue'), monthRows.filter((r) => r[1] === 'web').map((r) => [r[0]!, r[2]!]));
    expect(labels(svg, 'legend-label')).toEqual([]);
    expect(svg.match(/class="mark-line role-mark/g)).toHaveLength(1);
  });

  it('labels the revenue axis with thousands separators', async () => {
    const svg = await draw(cols('month', 'platform', 'revenue'), monthRows);
    const ticks = labels(svg, 'axis-label');
    expect(ticks.some((t) => /^\d{1,3}(,\d{3})+$/.test(t!))).toBe(true);
    expect(ticks.some((t) => /^\d{5,}$/.test(t!))).toBe(false);
  });

  it('names the months in Korean in the Korean UI, and keeps July as July', async () => {
    const en = labels(await draw(cols('month', 'platform', 'revenue'), monthRows, 'en'), 'axis-label');
    const ko = labels(await draw(cols('month', 'platform', 'revenue'), monthRows, 'ko'), 'axis-label');
    expect(en).toContain('July');
    expect(en).toContain('October');
    expect(ko).toContain('7월');
    expect(ko).not.toContain('6월');
  });
});
