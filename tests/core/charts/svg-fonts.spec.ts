import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { embedFonts, facesFor, fontFacesFromCss, parseUnicodeRange, svgTextCodePoints, withStyle } from '../../../core/charts/svg-fonts.ts';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import { starterDashboard } from '../../../core/metrics/starter-dashboard.ts';
import { dashboardExportSpec, type TileSeries } from '../../../core/metrics/tile-specs.ts';
import { chartConfig } from '../../../renderer/charts/vega-config.ts';

/*
 * An exported SVG carries the Pretendard files its text needs (the dynamic-subset woff2 files the
 * app ships, chosen by unicode-range), so Hangul draws without the font installed.
 */

const CSS = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'pretendard', 'dist', 'web', 'variable', 'pretendardvariable-dynamic-subset.css');
const faces = fontFacesFromCss(readFileSync(CSS, 'utf8'), pathToFileURL(CSS).href, 'Pretendard Variable');
const load = (url: string) => Promise.resolve(new Uint8Array(readFileSync(fileURLToPath(url))));

/** The Korean starter dashboard's export drawn by Vega as the app draws it (tiles without data say so, in Korean). */
async function koreanDashboardSvg(): Promise<string> {
  const d = starterDashboard('ko');
  const series: Record<string, TileSeries> = Object.fromEntries(
    d.tiles.map((t, i) => [t.id, { rows: Array.from({ length: 6 }, (_, w) => ({ period: `2025-0${w + 1}-01`, value: 1000 * (i + 1) + w * 37 })) }]),
  );
  const vg = compile(dashboardExportSpec(d, series, 'ko', HANBIT_METRICS) as unknown as TopLevelSpec, { config: chartConfig('ko', false) as Config }).spec;
  const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

describe('fonts embedded in an exported SVG', () => {
  it('reads unicode-range descriptors: single points, intervals and wildcards', () => {
    expect(parseUnicodeRange('U+AC00-D7A3, U+41, u+4??')).toEqual([
      [0xac00, 0xd7a3],
      [0x41, 0x41],
      [0x400, 0x4ff],
    ]);
  });

  it("reads the app's Pretendard stylesheet: one face per subset file, weights of the variable font, absolute URLs", () => {
    expect(faces).toHaveLength(92);
    expect(faces[0]).toMatchObject({ family: 'Pretendard Variable', weight: '45 920', style: 'normal' });
    expect(faces.every((f) => f.url.startsWith('file://') && f.url.endsWith('.woff2'))).toBe(true);
    expect(fontFacesFromCss(readFileSync(CSS, 'utf8'), pathToFileURL(CSS).href, 'Other')).toEqual([]);
  });

  it('finds the characters an SVG draws in its text, not in its attributes, entities decoded', () => {
    const points = svgTextCodePoints('<svg aria-label="매출"><text x="1">주문 &amp; A&#xAC00;</text></svg>');
    expect([...points].map((p) => String.fromCodePoint(p)).sort()).toEqual(['&', 'A', '가', '문', '주'].sort());
  });

  it("embeds just the Korean dashboard's subsets as data URLs, covering every character it draws", async () => {
    const svg = await koreanDashboardSvg();
    const points = svgTextCodePoints(svg);
    const hangul = [...points].filter((p) => p >= 0xac00 && p <= 0xd7a3);
    expect(hangul.length).toBeGreaterThan(20);
    const { svg: out, embedded } = await embedFonts(svg, faces, load);
    // Only the files that draw something, not all 92 (about 2.9 MB).
    expect(embedded.length).toBeGreaterThan(1);
    expect(embedded.length).toBeLessThan(faces.length / 2);
    for (const p of points) {
      const covered = embedded.some((f) => parseUnicodeRange(f.unicodeRange).some(([a, b]) => p >= a && p <= b));
      const anywhere = faces.some((f) => parseUnicodeRange(f.unicodeRange).some(([a, b]) => p >= a && p <= b));
      if (anywhere) expect(covered, String.fromCodePoint(p)).toBe(true);
    }
    const rules = [...out.matchAll(/@font-face\{font-family:'Pretendard Variable';[^}]*src:url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\) format\('woff2'\);\}/g)];
    expect(rules).toHaveLength(embedded.length);
    // The data is the woff2 file itself.
    const first = Buffer.from(rules[0]![1]!, 'base64');
    expect(first.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(first.equals(Buffer.from(await load(embedded[0]!.url)))).toBe(true);
    // Inserted first inside the root element, in CDATA; the drawing itself is unchanged.
    expect(out.startsWith('<svg')).toBe(true);
    expect(out.indexOf('<defs><style type="text/css"><![CDATA[@font-face')).toBeLessThan(out.indexOf('<g'));
    expect(out.replace(/<defs><style type="text\/css"><!\[CDATA\[[\s\S]*?\]\]><\/style><\/defs>/, '')).toBe(svg);
    expect(out.endsWith('</svg>')).toBe(true);
  });

  it('leaves out a file that cannot be loaded and keeps the others; an SVG without text gets no style', async () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg"><text>매출 Revenue</text></svg>';
    const needed = facesFor(faces, svgTextCodePoints(text));
    expect(needed.length).toBeGreaterThan(1);
    const broken = needed[0]!.url;
    const { embedded } = await embedFonts(text, faces, (url) => (url === broken ? Promise.reject(new Error('404')) : load(url)));
    expect(embedded.map((f) => f.url)).toEqual(needed.slice(1).map((f) => f.url));
    const empty = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';
    expect((await embedFonts(empty, faces, load)).svg).toBe(empty);
    expect(() => withStyle('<svg/>', 'x{}')).toThrow();
  });
});
