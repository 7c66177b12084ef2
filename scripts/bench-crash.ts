/**
 * The reliability half of `npm run bench`: the atomic document store is SIGKILLed at random
 * moments while it saves, over and over, and after every kill the file must load as a valid
 * document (the one before or a later one), never lost or corrupt. Target: 0 in 1,000.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { restoreDocText } from '../core/persist/docs.ts';
import { createDocStore } from '../electron/store/doc-store.ts';

const CHILD = fileURLToPath(new URL('../tests/electron/store/fixtures/save-loop-child.ts', import.meta.url));

function runAndKill(dir: string, tag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, tag], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), Math.random() * 40));
    child.once('error', reject);
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error('child exited on its own'))));
  });
}

/** Kills `runs` saving processes (in parallel lanes) and counts documents that did not survive. */
export async function benchCrash(runs: number): Promise<{ runs: number; bad: number; midWrite: number; seconds: number }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'datalit-bench-crash-'));
  const lanes = 4;
  let bad = 0;
  let midWrite = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const dir = path.join(root, `lane-${lane}`);
        await createDocStore({ dir }).save('queries', { version: 1 });
        for (let round = lane; round < runs; round += lanes) {
          await runAndKill(dir, `l${lane}-r${round}`);
          if ((await readdir(dir)).some((name) => name.includes('.tmp-'))) midWrite++;
          const text = await readFile(path.join(dir, 'queries.json'), 'utf8').catch(() => '');
          const loaded = await createDocStore({ dir }).load('queries');
          if (!restoreDocText('queries', text).ok || loaded.notice !== null) bad++;
        }
      }),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return { runs, bad, midWrite, seconds: (performance.now() - started) / 1000 };
}
