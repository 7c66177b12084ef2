import { strToU8, zipSync } from 'fflate';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { Dashboard, Metric } from '../../../core/metrics/schema.ts';
import { chartConfig } from '../../charts/vega-config.ts';
import { kpiFigures } from './kpi.ts';
import type { TileResult } from './tile-runs.ts';
import { chartSpecFor, sparklineSpecFor } from './tile-spec-adapter.ts';
import { tileTitle } from './tile-runs.ts';

/*
 * The dashboard's exports, built from the answers on screen (loaded with the export, not with the
 * screen): a zip of Vega-Lite specs, one per tile with its data inline, that the real Vega-Lite
 * compiles as they are; and one PNG or SVG of the whole dashboard drawn by Vega's View.
 */

/** Pixels per grid column and row in exported specs (a 12-column dashboard is 1,200 px wide). */
const COL_PX = 100;
const ROW_PX = 52;

/** One tile's Vega-Lite spec with its data inline and its title, at the tile's size on a 1,200 px grid. */
export function tileSpec(
  d: Dashboard,
  tileId: string,
  metrics: readonly Metric[],
  results: Record<string, TileResult>,
  lang: 'ko' | 'en',
): Record<string, unknown> | null {
  const tile = d.tiles.find((x) => x.id === tileId);
  const rows = results[tileId]?.rows;
  if (!tile || !rows) return null;
  const metric = tile.metricId ? metrics.find((m) => m.id === tile.metricId) : undefined;
  const unit = metric?.unit ?? 'number';
  const size = { width: tile.layout.w * COL_PX - 24, height: tile.layout.h * ROW_PX - 56 };
  const title = tileTitle(tile, metric, lang, lang === 'ko' ? '직접 쓴 쿼리' : 'Your query');
  const make =
    tile.kind === 'kpi'
      ? sparklineSpecFor(kpiFigures(rows, d.grain, d.range).points, unit, d.grain, lang)
      : chartSpecFor(rows, tile.chart.mark, unit, d.grain, lang);
  const spec = make(size) as Record<string, unknown>;
  return {
    ...spec,
    title: { text: title, subtitle: `${d.grain} · ${d.range.from} – ${d.range.to}` },
    description: metric?.definition[lang] ?? tile.sql ?? '',
  };
}

function readme(d: Dashboard, files: string[], lang: 'ko' | 'en'): string {
  const lines =
    lang === 'ko'
      ? [
          `# ${d.name}`,
          '',
          `기간 ${d.range.from} – ${d.range.to}, 단위 ${d.grain}.`,
          '',
          '타일마다 데이터가 들어 있는 Vega-Lite 명세 하나씩입니다. https://vega.github.io/editor 에 붙여 넣으면 그대로 그려집니다.',
          '',
        ]
      : [
          `# ${d.name}`,
          '',
          `Range ${d.range.from} – ${d.range.to}, grain ${d.grain}.`,
          '',
          'One Vega-Lite spec per tile, data inline. Paste one into https://vega.github.io/editor to draw it as is.',
          '',
        ];
  return [...lines, ...files.map((f) => `- ${f}`), ''].join('\n');
}

/** Draws a Vega-Lite spec off screen and returns the SVG text or a PNG blob. */
async function render(spec: unknown, kind: 'png' | 'svg', lang: string, dark: boolean): Promise<Blob> {
  const vg = compile(spec as TopLevelSpec, { config: chartConfig(lang, dark) as Config }).spec;
  const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  try {
    await view.runAsync();
    if (kind === 'svg') return new Blob([await view.toSVG()], { type: 'image/svg+xml' });
    const canvas = (await view.toCanvas(2)) as unknown as HTMLCanvasElement;
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png'),
    );
  } finally {
    view.finalize();
  }
}

/** The whole dashboard as one spec (PROVISIONAL until tile-specs' dashboardExportSpec lands): tiles in grid order. */
function wholeSpec(d: Dashboard, specs: Record<string, unknown>[]): unknown {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: d.name,
    vconcat: specs.map((s) => ({ ...s, $schema: undefined })),
  };
}

/** The export's file, or null while a tile has no answer yet (nothing to draw). */
export async function buildExport(
  d: Dashboard,
  kind: 'specs' | 'png' | 'svg',
  metrics: readonly Metric[],
  results: Record<string, TileResult>,
  lang: 'ko' | 'en',
): Promise<Blob | null> {
  const specs: { id: string; spec: Record<string, unknown> }[] = [];
  for (const tile of d.tiles) {
    const result = results[tile.id];
    if (!result || (result.loading && !result.rows)) return null;
    const spec = tileSpec(d, tile.id, metrics, results, lang);
    if (spec) specs.push({ id: tile.id, spec });
  }
  if (kind === 'specs') {
    const files: Record<string, Uint8Array> = {};
    for (const { id, spec } of specs) files[`tiles/${id}.vl.json`] = strToU8(`${JSON.stringify(spec, null, 2)}\n`);
    files['dashboard.json'] = strToU8(`${JSON.stringify(d, null, 2)}\n`);
    files['README.md'] = strToU8(
      readme(
        d,
        Object.keys(files).filter((f) => f.startsWith('tiles/')),
        lang,
      ),
    );
    return new Blob([zipSync(files) as BlobPart], { type: 'application/zip' });
  }
  const dark = document.documentElement.dataset.theme === 'dark';
  return render(
    wholeSpec(
      d,
      specs.map((s) => s.spec),
    ),
    kind,
    lang,
    dark,
  );
}
