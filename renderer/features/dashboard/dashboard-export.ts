import { strToU8, zipSync } from 'fflate';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { Dashboard, Metric } from '../../../core/metrics/schema.ts';
import { dashboardExportSpec, tileExportSpecs, type TileSeries } from '../../../core/metrics/tile-specs.ts';
import { embedAppFont } from '../../charts/svg-font-embed.ts';
import { chartConfig } from '../../charts/vega-config.ts';
import type { TileResult } from './tile-runs.ts';

/*
 * The dashboard's exports, from the answers on screen (loaded with the first export, not with the
 * screen): a zip of Vega-Lite specs, one per tile with its data inline, that the real Vega-Lite
 * compiles as they are; and one PNG or SVG of the whole dashboard, laid out like its grid
 * (core/metrics/tile-specs.ts's dashboardExportSpec), drawn by Vega's View off screen; the SVG
 * carries the font files its text needs (renderer/charts/svg-font-embed.ts).
 */

/** The tiles' answers as the export specs take them: rows, or the error the tile shows. */
export function seriesByTile(results: Readonly<Record<string, TileResult>>): Record<string, TileSeries> {
  const out: Record<string, TileSeries> = {};
  for (const [id, r] of Object.entries(results)) {
    if (r.rows) out[id] = { rows: r.rows };
    else if (r.error) out[id] = { error: r.error.message };
  }
  return out;
}

function readme(d: Dashboard, files: string[], lang: 'ko' | 'en'): string {
  const lines =
    lang === 'ko'
      ? [
          `# ${d.name}`,
          '',
          `기간 ${d.range.from} ~ ${d.range.to}, 단위 ${d.grain}.`,
          '',
          '타일마다 데이터가 들어 있는 Vega-Lite 명세가 하나씩 있습니다. https://vega.github.io/editor 에 붙여 넣으면 그대로 그려집니다. dashboard.json은 대시보드 자체(타일, 배치, 필터)입니다.',
          '',
        ]
      : [
          `# ${d.name}`,
          '',
          `Range ${d.range.from} to ${d.range.to}, by ${d.grain}.`,
          '',
          'One Vega-Lite spec per tile, its data inline: paste one into https://vega.github.io/editor and it draws as is. dashboard.json is the dashboard itself (tiles, layout, filters).',
          '',
        ];
  return [...lines, ...files.map((f) => `- ${f}`), ''].join('\n');
}

/** A Vega-Lite spec drawn off screen, as SVG text or a PNG (twice the pixels, for sharp slides). */
export async function renderSpec(spec: unknown, kind: 'png' | 'svg', lang: string, dark: boolean): Promise<Blob> {
  const vg = compile(spec as TopLevelSpec, { config: chartConfig(lang, dark) as Config }).spec;
  const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  try {
    await view.runAsync();
    // The font goes inside the file: a viewer without Pretendard would draw Hangul as boxes.
    if (kind === 'svg') return new Blob([await embedAppFont(await view.toSVG())], { type: 'image/svg+xml' });
    const canvas = (await view.toCanvas(2)) as unknown as HTMLCanvasElement;
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
    );
  } finally {
    view.finalize();
  }
}

/** The export's file, or null while a tile is still on its first computation (nothing to draw yet). */
export async function buildExport(
  d: Dashboard,
  kind: 'specs' | 'png' | 'svg',
  metrics: readonly Metric[],
  results: Record<string, TileResult>,
  lang: 'ko' | 'en',
): Promise<Blob | null> {
  if (d.tiles.some((tile) => results[tile.id]?.loading && !results[tile.id]?.rows && !results[tile.id]?.error)) return null;
  const series = seriesByTile(results);
  if (kind === 'specs') {
    const files: Record<string, Uint8Array> = {};
    for (const { tileId, spec } of tileExportSpecs(d, series, lang, metrics))
      files[`tiles/${tileId}.vl.json`] = strToU8(`${JSON.stringify(spec, null, 2)}\n`);
    files['dashboard.vl.json'] = strToU8(`${JSON.stringify(dashboardExportSpec(d, series, lang, metrics), null, 2)}\n`);
    files['dashboard.json'] = strToU8(`${JSON.stringify(d, null, 2)}\n`);
    files['README.md'] = strToU8(readme(d, Object.keys(files).sort(), lang));
    return new Blob([zipSync(files) as BlobPart], { type: 'application/zip' });
  }
  // A picture for a slide or a report: the light theme, whatever the app's theme.
  return renderSpec(dashboardExportSpec(d, series, lang, metrics), kind, lang, false);
}
