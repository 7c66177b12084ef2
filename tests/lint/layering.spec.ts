import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The layering rules in eslint.config.js, fed planted files: each violation must be reported by
 * the rule that owns it, and the same file written the allowed way must lint clean. Files are
 * linted as text under a path inside the tree (they need not exist).
 */

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.js') });

/** The rule ids ESLint reports for `code` placed at `file`. */
async function rulesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, `${file} must parse`).toEqual([]);
  return result!.messages.map((m) => m.ruleId ?? '');
}

describe('layering lint', () => {
  it('core/ may not import renderer/ at any depth', async () => {
    for (const source of ['../renderer/x.ts', '../../renderer/state/store.ts', '../../../renderer/x', 'renderer/x']) {
      const code = `import { x } from '${source}';\nexport const y = x;\n`;
      expect(await rulesFor('core/grading/messages/planted.ts', code), source).toContain('no-restricted-imports');
    }
    // A re-export and a dynamic import are the same crossing.
    expect(await rulesFor('core/a/b/planted.ts', "export { x } from '../../../renderer/x';\n")).toContain('no-restricted-imports');
    expect(await rulesFor('core/a/planted.ts', "export const m = () => import('../../renderer/x');\n")).toContain('no-restricted-syntax');
  });

  it('core/ may not import electron/ or Electron', async () => {
    expect(await rulesFor('core/a/b/planted.ts', "import { x } from '../../../electron/ipc.ts';\nexport const y = x;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('core/planted.ts', "import { app } from 'electron';\nexport const y = app;\n")).toContain('no-restricted-imports');
  });

  it('core/ and renderer/ may not use Node built-ins, prefixed or bare', async () => {
    for (const [file, source] of [
      ['core/sql/planted.ts', 'node:fs'],
      ['core/sql/planted.ts', 'fs'],
      ['core/a/b/c/planted.ts', 'node:path'],
      ['renderer/features/planted.ts', 'node:worker_threads'],
      ['renderer/state/planted.ts', 'os'],
    ] as const) {
      const code = `import * as m from '${source}';\nexport const y = m;\n`;
      expect(await rulesFor(file, code), `${file} <- ${source}`).toContain('no-restricted-imports');
    }
    expect(await rulesFor('core/planted.ts', "export const m = () => import('node:fs');\n")).toContain('no-restricted-syntax');
  });

  it('renderer/ may not import Electron or electron/ code', async () => {
    expect(await rulesFor('renderer/features/sandbox/planted.ts', "import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await rulesFor('renderer/planted.ts', "import { x } from '../electron/preload.ts';\nexport const y = x;\n")).toContain('no-restricted-imports');
  });

  it('window.api is touched only in renderer/host/', async () => {
    for (const code of [
      "export const load = () => window.api?.storeLoad('settings');\n",
      'export const api = window.api;\n',
      'const { api } = window;\nexport const y = api;\n',
      'export const api = globalThis.api;\n',
    ]) {
      expect(await rulesFor('renderer/features/lesson/planted.ts', code), code).toContain('no-restricted-properties');
      expect(await rulesFor('renderer/host/planted.ts', code), code).not.toContain('no-restricted-properties');
    }
  });

  it('electron/ may not import renderer/, and the preload may not bring zod', async () => {
    expect(await rulesFor('electron/handlers/planted.ts', "import { x } from '../../renderer/x.ts';\nexport const y = x;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('electron/preload.ts', "import { z } from 'zod';\nexport const y = z;\n")).toContain('no-restricted-imports');
    expect(await rulesFor('electron/preload.ts', "import { CHANNELS } from '../core/contract.ts';\nexport const y = CHANNELS;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await rulesFor('electron/preload.ts', "import type { Api } from '../core/contract.ts';\nexport type Y = Api;\n")).toEqual([]);
  });

  it('reports nothing for files that keep to their layer', async () => {
    expect(await rulesFor('core/grading/planted.ts', "import { formatNumber } from '../format/number.ts';\nexport const y = formatNumber;\n")).toEqual([]);
    expect(await rulesFor('core/a/planted.ts', "import { z } from 'zod';\nexport const y = z;\n")).toEqual([]);
    expect(
      await rulesFor('renderer/features/lesson/planted.ts', "import { getHost } from '../../host/host.ts';\nexport const info = () => getHost().appInfo();\n"),
    ).toEqual([]);
    expect(await rulesFor('renderer/features/planted.ts', "import { x } from '../../core/contract.ts';\nexport const y = x;\n")).toEqual([]);
    // A name that merely contains a layer's name is not that layer.
    expect(await rulesFor('core/planted.ts', "import { x } from './renderer-free.ts';\nexport const y = x;\n")).toEqual([]);
    expect(await rulesFor('electron/ipc-planted.ts', "import { ipcMain } from 'electron';\nimport { readFile } from 'node:fs/promises';\nexport const y = [ipcMain, readFile];\n")).toEqual([]);
    expect(await rulesFor('scripts/planted.ts', "import { readFile } from 'node:fs/promises';\nexport const y = readFile;\n")).toEqual([]);
  });
});
