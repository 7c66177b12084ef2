/**
 * Builds the datasets. The bundled ones go to public/datasets/ (Vite serves and bundles public/):
 * the .sqlite files, the hidden variants under variants/, the Hanbit manifests, the small data
 * lake under lake/hanbit/ (logs gzip-compressed), catalog.json, and the sidecar .build-info.json
 * recording which generator version built each unit. Hanbit Market large writes its databases to
 * public/datasets/ too (the app may open them) but its lake to datasets-large/lake/hanbit-large/,
 * outside public/, so it is never bundled (it is for benchmarks and the command-line exercises).
 * Usage:
 *   node scripts/build-datasets.ts                      build everything, large included, from scratch
 *   node scripts/build-datasets.ts --small-only         build everything but the large Hanbit Market, and
 *                                                       drop an existing large build from public/datasets/
 *   node scripts/build-datasets.ts --if-missing         build the small units that are missing or outdated
 *   node scripts/build-datasets.ts --if-missing --large the same, large included
 * A large build already on disk stays listed in the catalog while its databases are present.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import type { CatalogDatabase, CatalogLakeFolder } from '../core/datasets/catalog.ts';
import { assembleCatalog, buildUnit, serializeCatalog, sha256Hex } from '../datasets/build.ts';
import { LARGE_LAKE_PATH } from '../datasets/hanbit/build.ts';
import type { LakeStore } from '../datasets/hanbit/lake.ts';
import { UNITS, generatorVersionOf, type BuildUnit, type UnitId } from '../datasets/registry.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the bundled datasets go (gitignored; Vite serves and bundles public/). */
const OUT_DIR = join(ROOT, 'public', 'datasets');
const CATALOG_FILE = join(OUT_DIR, 'catalog.json');
const BUILD_INFO_FILE = join(OUT_DIR, '.build-info.json');
/** The layout of .build-info.json: file paths relative to the repository. Older sidecars are ignored. */
const BUILD_INFO_LAYOUT = 2;

/** A path relative to the repository, with forward slashes. */
function repoPath(absolute: string): string {
  return relative(ROOT, absolute).split('\\').join('/');
}
const OUT_REL = repoPath(OUT_DIR);

/** What a built unit left on disk, so a later --if-missing can keep it. Paths are relative to the repository. */
interface UnitRecord {
  version: string;
  databases: CatalogDatabase[];
  lake: CatalogLakeFolder[];
  files: { path: string; sizeBytes: number; sha256: string | null }[];
}

/** The sidecar recording which generator code produced the files. */
interface BuildInfo {
  layout: number;
  generatorVersion: string;
  units: Partial<Record<UnitId, UnitRecord>>;
}

function readBuildInfo(): BuildInfo | null {
  try {
    const info = JSON.parse(readFileSync(BUILD_INFO_FILE, 'utf8')) as Partial<BuildInfo>;
    return info.layout === BUILD_INFO_LAYOUT && typeof info.units === 'object' && info.units !== null
      ? { layout: BUILD_INFO_LAYOUT, generatorVersion: String(info.generatorVersion), units: info.units }
      : null;
  } catch {
    return null;
  }
}

/** Whether a recorded file is bundled (under public/datasets/). */
const bundled = (path: string): boolean => path.startsWith(`${OUT_REL}/`);

/** Why a unit must be rebuilt, or null when the chosen files are present and current. */
function staleReason(unit: BuildUnit, record: UnitRecord | undefined, which: (path: string) => boolean = () => true): string | null {
  if (!record) return 'not built yet';
  if (record.version !== unit.version) return `generator version changed (${record.version} -> ${unit.version})`;
  for (const f of record.files.filter((file) => which(file.path))) {
    const path = join(ROOT, f.path);
    if (!existsSync(path)) return `${f.path} is missing`;
    if (statSync(path).size !== f.sizeBytes) return `${f.path} has changed`;
    // Hash the databases and manifests; lake files are checked by size only.
    if (f.sha256 !== null && sha256Hex(readFileSync(path)) !== f.sha256) return `${f.path} has changed`;
  }
  return null;
}

/** Writes a file through a temporary name so a crash never leaves half a file. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/** A lake folder on disk (emptied first): files are written as they are made and read back by the ETL. */
function diskLake(base: string): LakeStore & { written: string[] } {
  rmSync(base, { recursive: true, force: true });
  const written: string[] = [];
  return {
    written,
    write: (path, bytes) => {
      writeAtomically(join(base, path), bytes);
      written.push(path);
    },
    read: (path) => readFileSync(join(base, path)),
    list: () => [...written].sort(),
  };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

/** A progress bar on stderr: one updating line on a terminal, a plain line per step otherwise (CI). */
function progressBar(label: string): { update: (stage: string, share: number) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastPlain = -1;
  let lastStage = '';
  const started = performance.now();
  return {
    update: (stage, share) => {
      const percent = Math.min(100, Math.floor(share * 100));
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      if (tty) {
        const width = 30;
        const filled = Math.round((percent / 100) * width);
        process.stderr.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${stage.padEnd(10)} ${seconds}s`,
        );
      } else if (percent >= lastPlain + 10 || stage !== lastStage) {
        lastPlain = percent - (percent % 10);
        lastStage = stage;
        process.stderr.write(`${label}: ${percent}% ${stage} (${seconds}s)\n`);
      }
    },
    done: () => {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const known = ['--if-missing', '--small-only', '--large'];
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')} (accepted: ${known.join(', ')})`);
  const ifMissing = args.includes('--if-missing');
  const smallOnly = args.includes('--small-only');
  if (smallOnly && args.includes('--large')) throw new Error('--small-only and --large contradict each other');
  // --if-missing (npm run datasets:ensure, before start, web and tests) never builds large unless asked.
  const buildLarge = args.includes('--large') || (!ifMissing && !smallOnly);
  const started = performance.now();
  const previous = readBuildInfo();
  const records: Partial<Record<UnitId, UnitRecord>> = {};
  let SQL: Awaited<ReturnType<typeof initSqlJs>> | null = null;
  const largeLakes: string[] = [];

  for (const unit of UNITS) {
    const old = previous?.units[unit.id];
    const reason = staleReason(unit, old);
    if (ifMissing && reason === null && old && !(unit.large && smallOnly)) {
      records[unit.id] = old;
      console.log(`datasets: ${unit.id} is up to date (${unit.version})`);
      continue;
    }
    if (unit.large && !buildLarge) {
      // Never build one here. Keep a current large build listed while its databases are there,
      // unless --small-only asks for the small datasets only (its files in public/ are then removed).
      const kept = !smallOnly && old !== undefined && staleReason(unit, old, bundled) === null;
      if (kept) records[unit.id] = old;
      const why = smallOnly ? '--small-only' : 'built only by `npm run datasets` or --large';
      const what = kept
        ? `, the existing build is kept${reason ? ` (${reason})` : ''}`
        : smallOnly && old
          ? ', its databases are removed'
          : '';
      console.log(`datasets: ${unit.id} skipped (${why})${what}`);
      continue;
    }
    console.log(`datasets: building ${unit.id}: ${ifMissing ? (reason ?? 'requested') : 'requested'}`);
    SQL ??= await initSqlJs();
    const unitStarted = performance.now();
    const bar = progressBar(`datasets: ${unit.id}`);
    const lakes: { base: string; lake: LakeStore & { written: string[] } }[] = [];
    const output = buildUnit(SQL, unit.id, {
      lakeAt: (path, size) => {
        // The small lake sits next to the catalog; the large one's path is relative to the repository.
        const base = size === 'large' ? join(ROOT, path) : join(OUT_DIR, path);
        const lake = diskLake(base);
        lakes.push({ base, lake });
        return lake;
      },
      progress: bar.update,
    });
    bar.done();
    for (const f of output.files) writeAtomically(join(OUT_DIR, f.path), f.bytes);
    const lakeFiles = lakes.flatMap(({ base, lake }) => lake.written.map((p) => repoPath(join(base, p))));
    records[unit.id] = {
      version: unit.version,
      databases: output.databases,
      lake: output.lake,
      files: [
        ...output.files.map((f) => ({ path: `${OUT_REL}/${f.path}`, sizeBytes: f.bytes.byteLength, sha256: f.sha256 })),
        ...lakeFiles.map((p) => ({ path: p, sizeBytes: statSync(join(ROOT, p)).size, sha256: null })),
      ],
    };
    for (const f of output.files) console.log(`datasets: wrote ${OUT_REL}/${f.path} (${kib(f.bytes.byteLength)})`);
    for (const { base, lake } of lakes) {
      const stored = lake.written.reduce((sum, p) => sum + statSync(join(base, p)).size, 0);
      const where = repoPath(base);
      const note = bundled(where) ? 'bundled with the app' : 'outside public/: never bundled';
      console.log(`datasets: wrote ${lake.written.length} lake files to ${where}/ (${mib(stored)}, ${note})`);
      if (!bundled(where)) largeLakes.push(where);
    }
    console.log(`datasets: built ${unit.id} in ${((performance.now() - unitStarted) / 1000).toFixed(1)} s`);
  }

  const included = UNITS.filter((u) => records[u.id] !== undefined);
  const catalog = assembleCatalog(included.map((u) => records[u.id] as UnitRecord));
  // Files of units no longer listed would still be bundled: remove them from public/datasets/.
  const keep = new Set(included.flatMap((u) => (records[u.id] as UnitRecord).files.map((f) => f.path)));
  const removed: string[] = [];
  let removedBytes = 0;
  const sweep = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = repoPath(path);
      if (statSync(path).isDirectory()) {
        sweep(path);
        if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
      } else if (!keep.has(rel) && path !== CATALOG_FILE && path !== BUILD_INFO_FILE) {
        removedBytes += statSync(path).size;
        rmSync(path);
        removed.push(rel);
      }
    }
  };
  sweep(OUT_DIR);
  if (removed.length > 0) {
    const shown = removed.slice(0, 8).join(', ');
    console.log(
      `datasets: removed ${removed.length} stale file(s) from ${OUT_REL}/ (${mib(removedBytes)}): ${shown}${removed.length > 8 ? ', …' : ''}`,
    );
  }
  // The catalog comes last: its presence means every file it lists is complete.
  const catalogText = serializeCatalog(catalog);
  writeAtomically(CATALOG_FILE, catalogText);
  const info: BuildInfo = { layout: BUILD_INFO_LAYOUT, generatorVersion: generatorVersionOf(included), units: records };
  writeAtomically(BUILD_INFO_FILE, `${JSON.stringify(info)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const bundledBytes = [...keep].filter(bundled).reduce((sum, p) => sum + statSync(join(ROOT, p)).size, 0) + Buffer.byteLength(catalogText);
  console.log(
    `datasets: wrote ${OUT_REL}/catalog.json (${kib(Buffer.byteLength(catalogText))}; ${catalog.databases.length} databases, ${catalog.lake.length} lake folders) in ${seconds} s`,
  );
  console.log(`datasets: ${OUT_REL}/ holds ${mib(bundledBytes)} (bundled into the web build and the packaged app)`);
  const largeRecord = records['hanbit-large'];
  if (largeRecord && largeLakes.length === 0) {
    const lakeFiles = largeRecord.files.filter((f) => !bundled(f.path));
    const missing = lakeFiles.filter((f) => !existsSync(join(ROOT, f.path))).length;
    console.log(
      missing === 0
        ? `datasets: the large lake is in ${LARGE_LAKE_PATH}/ (not bundled)`
        : `datasets: ${missing} of ${lakeFiles.length} large lake files are missing from ${LARGE_LAKE_PATH}/; \`npm run datasets -- --if-missing --large\` rebuilds them`,
    );
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\ndatasets: build failed: ${message}`);
  process.exitCode = 1;
});
