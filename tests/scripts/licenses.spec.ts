import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectLicenses, isKnownLicense } from '../../scripts/licenses.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface NpmTree {
  version?: string;
  missing?: boolean;
  dependencies?: Record<string, NpmTree>;
}

/** Every name@version in the production tree as npm itself reports it (`npm ls --omit=dev --all`). */
function npmProductionClosure(): Set<string> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ls', '--omit=dev', '--all', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const tree = JSON.parse(result.stdout) as NpmTree;
  const found = new Set<string>();
  const walk = (node: NpmTree) => {
    for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
      // An optional peer nobody installed has no version: nothing of it ships.
      if (dep.missing || !dep.version) continue;
      found.add(`${name}@${dep.version}`);
      walk(dep);
    }
  };
  walk(tree);
  return found;
}

describe('the licence list of the production dependency tree', () => {
  const report = collectLicenses(ROOT);
  const byId = new Map(report.entries.map((e) => [`${e.name}@${e.version}`, e]));

  it('covers every package npm ls --omit=dev --all reports, transitive ones included', () => {
    const closure = npmProductionClosure();
    expect(closure.size).toBeGreaterThan(100);
    const missing = [...closure].filter((id) => !byId.has(id));
    expect(missing).toEqual([]);
  }, 120_000);

  it('lists every dependency of package.json as a direct one, at the installed version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const name of Object.keys(pkg.dependencies)) {
      const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      const entry = byId.get(`${name}@${installed}`);
      expect(entry, name).toBeDefined();
      expect(entry!.direct, name).toBe(true);
    }
    // Build tools are not shipped, so they are not listed.
    for (const name of ['vite', 'vitest', 'eslint', 'electron', '@electron-forge/cli']) {
      expect(report.entries.some((e) => e.name === name), name).toBe(false);
    }
  });

  it('gives each component a licence, and flags exactly the ones that are not known', () => {
    for (const e of report.entries) {
      expect(e.license, e.name).not.toBe('');
      // The Hanbit data is the project's own work (no SPDX identifier exists for it): named, not flagged.
      if (e.kind === 'data') expect(e.license).toMatch(/^LicenseRef-|^[A-Z]/);
      else expect(e.unknown, `${e.name}: ${e.license}`).toBe(!isKnownLicense(e.license));
    }
    expect(report.unknown).toEqual(report.entries.filter((e) => e.unknown).map((e) => `${e.name}@${e.version}`));
    // Most packages carry their licence's text, and a text shared by many is stored once.
    const withText = report.entries.filter((e) => e.licenseText !== null).length;
    expect(withText / report.entries.length).toBeGreaterThan(0.9);
    expect(new Set(report.texts).size).toBe(report.texts.length);
  });

  it('includes the bundled font with its OFL text and the Hanbit data', () => {
    const font = report.entries.find((e) => e.name === 'pretendard');
    expect(font).toMatchObject({ kind: 'font', license: 'OFL-1.1', unknown: false });
    expect(report.texts[font!.licenseText!]).toMatch(/SIL OPEN FONT LICENSE/i);
    const data = report.entries.find((e) => e.kind === 'data');
    expect(data?.name).toMatch(/Hanbit/);
    expect(report.texts[data!.licenseText!]).toMatch(/datasets\/hanbit/);
  });
});

describe('SPDX expressions', () => {
  it('knows compound expressions made of known identifiers, and nothing else', () => {
    expect(isKnownLicense('MIT')).toBe(true);
    expect(isKnownLicense('(MPL-2.0 OR Apache-2.0)')).toBe(true);
    expect(isKnownLicense('Apache-2.0 AND BSL-1.0')).toBe(true);
    expect(isKnownLicense('UNKNOWN')).toBe(false);
    expect(isKnownLicense('SEE LICENSE IN LICENSE.txt')).toBe(false);
    expect(isKnownLicense('MIT OR GPL-3.0-only')).toBe(false);
    expect(isKnownLicense('')).toBe(false);
  });
});

describe('a project with a package of unknown licence', () => {
  function fixture(): string {
    const root = mkdtempSync(join(tmpdir(), 'licenses-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('package.json', JSON.stringify({ name: 'demo', version: '1.2.3', dependencies: { left: '1.0.0', mystery: '2.0.0' } }));
    write(
      'package-lock.json',
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'demo', version: '1.2.3' },
          'node_modules/left': { version: '1.0.0', license: 'MIT' },
          'node_modules/left/node_modules/@scope/inner': { version: '0.1.0', license: 'Apache-2.0' },
          'node_modules/mystery': { version: '2.0.0' },
          'node_modules/odd': { version: '3.0.0', license: 'SEE LICENSE IN terms.txt' },
          'node_modules/tool': { version: '9.9.9', license: 'MIT', dev: true },
        },
      }),
    );
    write('node_modules/left/package.json', JSON.stringify({ name: 'left', version: '1.0.0', license: 'MIT' }));
    write('node_modules/left/LICENSE', 'MIT License\nCopyright left');
    write('node_modules/left/node_modules/@scope/inner/package.json', JSON.stringify({ name: '@scope/inner', version: '0.1.0' }));
    write('node_modules/left/node_modules/@scope/inner/NOTICE', 'Inner notice');
    write('node_modules/mystery/package.json', JSON.stringify({ name: 'mystery', version: '2.0.0' }));
    return root;
  }

  it('flags missing and non-SPDX licences, skips dev packages, reads nested names and files', () => {
    const report = collectLicenses(fixture());
    const names = report.entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['left', '@scope/inner', 'mystery', 'odd']));
    expect(names).not.toContain('tool');
    expect(report.unknown.sort()).toEqual(['mystery@2.0.0', 'odd@3.0.0']);
    const left = report.entries.find((e) => e.name === 'left')!;
    expect(left.direct).toBe(true);
    expect(report.texts[left.licenseText!]).toContain('Copyright left');
    const inner = report.entries.find((e) => e.name === '@scope/inner')!;
    expect(inner.direct).toBe(false);
    expect(report.texts[inner.noticeText!]).toBe('Inner notice');
    expect(report.entries.find((e) => e.name === 'mystery')!.license).toBe('UNKNOWN');
  });

  it('the command writes the JSON, warns, and with --strict fails on an unknown licence', () => {
    const root = fixture();
    const script = join(ROOT, 'scripts', 'licenses.ts');
    const ok = spawnSync(process.execPath, [script, '--root', root, '--out', join(root, 'out.json')], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/2 with an unknown licence: .*mystery@2\.0\.0/);
    const written = JSON.parse(readFileSync(join(root, 'out.json'), 'utf8')) as { app: { version: string }; entries: unknown[] };
    expect(written.app.version).toBe('1.2.3');
    expect(written.entries.length).toBe(5);
    const strict = spawnSync(process.execPath, [script, '--root', root, '--out', join(root, 'out.json'), '--strict'], { encoding: 'utf8' });
    expect(strict.status).toBe(1);
  });
});
