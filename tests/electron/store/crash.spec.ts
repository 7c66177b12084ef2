import { spawn } from 'node:child_process';
import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreDocText } from '../../../core/persist/docs.ts';
import { createDocStore } from '../../../electron/store/doc-store.ts';

const CHILD = fileURLToPath(new URL('./fixtures/save-loop-child.ts', import.meta.url));
const LANES = 5;
const ROUNDS_PER_LANE = 10;

let root: string;

beforeAll(async () => {
  root = await nodeFs.mkdtemp(path.join(os.tmpdir(), 'datalit-crash-'));
});

afterAll(async () => {
  await nodeFs.rm(root, { recursive: true, force: true });
});

/** Starts a saving child, lets it run a random while once it has saved, then SIGKILLs it. */
function runAndKill(dir: string, tag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', CHILD, dir, tag], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', () => {
      setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
    });
    child.once('error', reject);
    child.once('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited on its own (${String(_code)}): ${stderr}`));
    });
  });
}

let killsMidWrite = 0;

/** Reads the main file as a fresh start would, and says which save it holds. */
async function assertValid(dir: string): Promise<string> {
  if ((await nodeFs.readdir(dir)).some((name) => name.includes('.tmp-'))) killsMidWrite += 1;
  const text = await nodeFs.readFile(path.join(dir, 'queries.json'), 'utf8');
  const restored = restoreDocText('queries', text);
  if (!restored.ok) throw new Error(`queries.json is not a valid document after a kill: ${restored.reason}`);
  const backup = await nodeFs.readFile(path.join(dir, 'queries.json.bak'), 'utf8').catch(() => null);
  if (backup !== null) expect(restoreDocText('queries', backup).ok).toBe(true);
  const loaded = await createDocStore({ dir }).load('queries');
  expect(loaded.notice).toBeNull();
  return restored.value.saved[0]?.name ?? 'initial';
}

describe('saving survives being killed at any moment', () => {
  it(`keeps a valid document through ${LANES * ROUNDS_PER_LANE} SIGKILLs mid-save`, async () => {
    const lane = async (index: number): Promise<string[]> => {
      const dir = path.join(root, `lane-${index}`);
      await createDocStore({ dir }).save('queries', { version: 1 });
      const seen: string[] = [];
      for (let round = 0; round < ROUNDS_PER_LANE; round++) {
        await runAndKill(dir, `lane${index}-round${round}`);
        const holds = await assertValid(dir);
        // Either the state before this round or one of this round's own saves: never a mixture.
        expect(holds === seen.at(-1) || holds === 'initial' || holds.startsWith(`lane${index}-round${round}-`)).toBe(true);
        seen.push(holds);
      }
      // The load in assertValid cleaned up what the kills left behind.
      expect((await nodeFs.readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
      return seen;
    };
    const results = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
    expect(results.flat()).toHaveLength(LANES * ROUNDS_PER_LANE);
    // Evidence the kills really landed inside a save (a temp file was left), not only between saves.
    expect(killsMidWrite).toBeGreaterThan(0);
  }, 180_000);
});
