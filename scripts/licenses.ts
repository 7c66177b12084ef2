/**
 * Writes the licences of what the app ships, for the About dialog: every package in the production
 * dependency closure (package-lock.json's "packages" entries not marked dev, so transitive ones
 * too) with its name, version, licence and the text of its LICENSE and NOTICE files, plus the
 * bundled font and data. Generated from the dependency tree at build time, never by hand; the
 * output is git-ignored and fetched by the dialog at run time (never imported, so a fresh clone
 * type-checks before it exists). Unknown licences are flagged; `--strict` makes them an error.
 * Usage:
 *   node scripts/licenses.ts [--out public/licenses.json] [--strict] [--root <project folder>]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One bundled component and its licence. */
export interface LicenseEntry {
  name: string;
  version: string;
  /** The SPDX expression as the package states it ("UNKNOWN" when it states none). */
  license: string;
  /** What it is: an npm package, a font, or data. */
  kind: 'package' | 'font' | 'data';
  /** Named in package.json's dependencies (the rest come with them). */
  direct: boolean;
  /** Index into the report's `texts` of the licence's own text (LICENSE, LICENCE, COPYING files); null when the package carries none. */
  licenseText: number | null;
  /** Index into `texts` of its NOTICE file (Apache-2.0 asks for it to travel with the work); null when none. */
  noticeText: number | null;
  /** True when the licence is missing or not one of the known SPDX identifiers below: a person must look. */
  unknown: boolean;
  homepage?: string;
}

/** The file the About dialog reads. */
export interface LicenseReport {
  app: { name: string; productName: string; version: string };
  entries: LicenseEntry[];
  /** Licence and notice texts, each once (hundreds of packages share the same Apache-2.0 text). */
  texts: string[];
  /** Names of the entries whose licence is unknown. */
  unknown: string[];
}

/**
 * SPDX identifiers the project accepts as known licences (permissive and weak-copyleft ones seen in
 * npm's tree). Anything else, or none, is flagged for a person to read.
 */
export const KNOWN_LICENSES = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'BSL-1.0',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'CC0-1.0',
  'ISC',
  'MIT',
  'MIT-0',
  'MPL-2.0',
  'OFL-1.1',
  'Python-2.0',
  'Unlicense',
  'Zlib',
]);

/** Whether an SPDX expression (`(MPL-2.0 OR Apache-2.0)`, `Apache-2.0 AND BSL-1.0`) uses only known identifiers. */
export function isKnownLicense(expression: string): boolean {
  const ids = expression
    .replace(/[()]/g, ' ')
    .split(/\s+(?:OR|AND)\s+/)
    .map((part) => part.trim().split(/\s+WITH\s+/)[0]!.trim())
    .filter((id) => id !== '');
  return ids.length > 0 && ids.every((id) => KNOWN_LICENSES.has(id.replace(/\+$/, '')));
}

interface LockEntry {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  dev?: boolean;
  link?: boolean;
}

interface PackageJson {
  name?: string;
  productName?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
  homepage?: string;
  dependencies?: Record<string, string>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function licenseOf(value: PackageJson['license'] | undefined, legacy?: PackageJson['licenses']): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (value && typeof value === 'object' && value.type) return value.type;
  const types = (legacy ?? []).map((l) => l.type).filter((t): t is string => !!t);
  return types.length ? types.join(' OR ') : null;
}

/** The text of a package's files whose names match `pattern` (LICENSE.md, LICENCE, COPYING, NOTICE…), looking in dist/ too. */
function filesText(dir: string, pattern: RegExp): string {
  const texts: string[] = [];
  for (const folder of [dir, join(dir, 'dist')]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      if (!pattern.test(name)) continue;
      try {
        texts.push(readFileSync(join(folder, name), 'utf8').trim());
      } catch {
        // A folder named LICENSE, or a file that cannot be read: nothing to show from it.
      }
    }
    if (texts.length) break;
  }
  return texts.join('\n\n');
}

const LICENSE_FILE = /^(licen[cs]e|copying)([.-].*)?$/i;
const NOTICE_FILE = /^notice([.-].*)?$/i;

/** The package name a lock key stands for (`node_modules/a/node_modules/@b/c` is `@b/c`). */
function nameFromKey(key: string): string {
  return key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/**
 * Every production package of the project at `root` (package-lock.json, lockfile v2/v3) with its
 * licence, plus what the app bundles besides packages.
 */
export function collectLicenses(root: string): LicenseReport {
  const pkg = readJson<PackageJson>(join(root, 'package.json'));
  const lock = readJson<{ packages?: Record<string, LockEntry> }>(join(root, 'package-lock.json'));
  if (!lock.packages) throw new Error('package-lock.json has no "packages" section (lockfile v2 or later is needed)');
  const direct = new Set(Object.keys(pkg.dependencies ?? {}));
  const entries: LicenseEntry[] = [];
  const seen = new Set<string>();
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const ref = (text: string): number | null => {
    if (!text) return null;
    let at = textIndex.get(text);
    if (at === undefined) {
      at = texts.push(text) - 1;
      textIndex.set(text, at);
    }
    return at;
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    // "" is the project itself; dev packages never reach the app. devOptional ones (a dev package that a
    // production package also names as an optional peer, like typescript) stay: npm ls --omit=dev lists them.
    if (key === '' || !key.includes('node_modules/') || entry.dev || entry.link) continue;
    const dir = join(root, key);
    const onDisk = existsSync(join(dir, 'package.json')) ? readJson<PackageJson>(join(dir, 'package.json')) : null;
    const name = entry.name ?? onDisk?.name ?? nameFromKey(key);
    const version = entry.version ?? onDisk?.version ?? '';
    // The same name and version nested twice is one component.
    if (seen.has(`${name}@${version}`)) continue;
    seen.add(`${name}@${version}`);
    const license = licenseOf(entry.license) ?? licenseOf(onDisk?.license, onDisk?.licenses) ?? 'UNKNOWN';
    entries.push({
      name,
      version,
      license,
      kind: name === 'pretendard' ? 'font' : 'package',
      direct: direct.has(name) && !key.slice('node_modules/'.length).includes('node_modules/'),
      licenseText: ref(existsSync(dir) ? filesText(dir, LICENSE_FILE) : ''),
      noticeText: ref(existsSync(dir) ? filesText(dir, NOTICE_FILE) : ''),
      unknown: !isKnownLicense(license),
      ...(onDisk?.homepage ? { homepage: onDisk.homepage } : {}),
    });
  }
  entries.push(hanbitData(pkg, ref));
  entries.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return {
    app: { name: pkg.name ?? '', productName: pkg.productName ?? pkg.name ?? '', version: pkg.version ?? '' },
    entries,
    texts,
    unknown: entries.filter((e) => e.unknown).map((e) => `${e.name}@${e.version}`),
  };
}

/**
 * The bundled data of the fictional shop Hanbit Market: generated by this project's own seeded
 * script (datasets/hanbit), not taken from anyone. The README states no separate licence for it,
 * so it is listed as the project's own work, under the app's terms, and not flagged as unknown.
 */
function hanbitData(pkg: PackageJson, ref: (text: string) => number | null): LicenseEntry {
  const appLicense = licenseOf(pkg.license);
  return {
    name: 'Hanbit Market data (한빛마켓)',
    version: pkg.version ?? '',
    license: appLicense ?? 'LicenseRef-Datalit-own-data',
    kind: 'data',
    direct: true,
    licenseText: ref([
      'Fictional data generated by Datalit Studio’s own seeded script (datasets/hanbit) and bundled with the app.',
      'No real person or company is described. It is the project’s own work and ships under the same terms as the app.',
      '가상의 회사 한빛마켓의 데이터는 Datalit Studio의 시드 고정 스크립트(datasets/hanbit)로 생성되어 앱에 함께 들어 있습니다.',
      '실존 인물이나 회사를 묘사하지 않으며, 프로젝트 자체의 저작물로 앱과 같은 조건으로 배포됩니다.',
    ].join('\n')),
    noticeText: null,
    unknown: false,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? '.') : resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outAt = args.indexOf('--out');
  const out = resolve(root, outAt >= 0 ? (args[outAt + 1] ?? '') : join('public', 'licenses.json'));
  const report = collectLicenses(root);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report)}\n`);
  console.log(`licenses: ${report.entries.length} components written to ${out}`);
  if (report.unknown.length) {
    console.warn(`licenses: ${report.unknown.length} with an unknown licence: ${report.unknown.join(', ')}`);
    if (args.includes('--strict')) process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
