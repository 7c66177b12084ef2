/**
 * Builds every dataset into public/datasets/: <id>.sqlite files, catalog.json, and the sidecar
 * .build-info.json holding the generator version. Usage:
 *   node scripts/build-datasets.ts               build everything
 *   node scripts/build-datasets.ts --if-missing  skip when the outputs exist and are up to date
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { parseCatalog } from '../core/datasets/catalog.ts';
import { buildDatasets, sha256Hex } from '../datasets/build.ts';
import { DATASETS, generatorVersionOf } from '../datasets/registry.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the built datasets go (gitignored; Vite serves and bundles public/). */
const OUT_DIR = join(ROOT, 'public', 'datasets');
const CATALOG_FILE = join(OUT_DIR, 'catalog.json');
const BUILD_INFO_FILE = join(OUT_DIR, '.build-info.json');

/** The sidecar recording which generator code produced the files. */
interface BuildInfo {
  generatorVersion: string;
}

/** Why the outputs must be rebuilt, or null when they are present and current. */
function staleReason(generatorVersion: string): string | null {
  if (!existsSync(CATALOG_FILE)) return 'no catalog.json yet';
  if (!existsSync(BUILD_INFO_FILE)) return 'no .build-info.json yet';
  let info: Partial<BuildInfo>;
  try {
    info = JSON.parse(readFileSync(BUILD_INFO_FILE, 'utf8')) as Partial<BuildInfo>;
  } catch {
    return '.build-info.json is unreadable';
  }
  if (info.generatorVersion !== generatorVersion) {
    return `generator version changed (${String(info.generatorVersion)} -> ${generatorVersion})`;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(CATALOG_FILE, 'utf8'));
  } catch {
    return 'catalog.json is unreadable';
  }
  const parsed = parseCatalog(json);
  if (!parsed.ok) return parsed.reason;
  const listed = parsed.catalog.databases.map((d) => d.id).join(',');
  const expected = DATASETS.map((d) => d.id).join(',');
  if (listed !== expected) return `catalog lists [${listed}], expected [${expected}]`;
  for (const db of parsed.catalog.databases) {
    const path = join(OUT_DIR, db.file);
    if (!existsSync(path)) return `${db.file} is missing`;
    const bytes = readFileSync(path);
    if (bytes.byteLength !== db.sizeBytes || sha256Hex(bytes) !== db.sha256) return `${db.file} does not match the catalog`;
  }
  return null;
}

/** Writes a file through a temporary name so a crash never leaves half a file. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--if-missing');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')} (only --if-missing is accepted)`);
  const started = performance.now();
  const generatorVersion = generatorVersionOf(DATASETS);
  const where = relative(ROOT, OUT_DIR);

  if (args.includes('--if-missing')) {
    const reason = staleReason(generatorVersion);
    if (reason === null) {
      console.log(`datasets: up to date in ${where}/ (${generatorVersion}), nothing to build`);
      return;
    }
    console.log(`datasets: rebuilding: ${reason}`);
  }

  const SQL = await initSqlJs();
  const output = buildDatasets(SQL);
  mkdirSync(OUT_DIR, { recursive: true });
  for (const file of output.files) {
    writeAtomically(join(OUT_DIR, file.file), file.bytes);
    console.log(
      `datasets: built ${where}/${file.file}: ${file.tableCount} tables, ${(file.bytes.byteLength / 1024).toFixed(0)} KiB, ` +
        `sha256 ${file.sha256.slice(0, 12)}…, ${file.elapsedMs.toFixed(0)} ms`,
    );
  }
  // Old database files no longer in the catalog would still be bundled: remove them.
  const listed = new Set(output.files.map((f) => f.file));
  for (const name of readdirSync(OUT_DIR)) {
    if (name.endsWith('.sqlite') && !listed.has(name)) {
      rmSync(join(OUT_DIR, name));
      console.log(`datasets: removed stale ${where}/${name}`);
    }
  }
  // The catalog comes last: its presence means every file it lists is complete.
  writeAtomically(CATALOG_FILE, `${JSON.stringify(output.catalog, null, 2)}\n`);
  const info: BuildInfo = { generatorVersion: output.generatorVersion };
  writeAtomically(BUILD_INFO_FILE, `${JSON.stringify(info, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`datasets: wrote ${where}/catalog.json (${output.files.length} database(s)) in ${seconds} s`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`datasets: build failed: ${message}`);
  process.exitCode = 1;
});
