import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ARMITAGE_RATES, simulatePeeking, simulatePeekingAsync, StatsInputError } from '../../../core/stats/index.ts';

const LOOKS = [1, 2, 5, 10, 20, 50, 100];

describe('simulatePeeking: the A/A false-positive rate rises with the number of looks', () => {
  it('10,000 experiments × up to 100 looks reproduce Armitage et al. (.05 .08 .14 .19 .25 .32 .37) within 0.012, in well under 3 s', () => {
    const started = performance.now();
    const r = simulatePeeking({ simulations: 10000, looks: LOOKS, alpha: 0.05, seed: 20250501 });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(3000);
    expect(r.rows.map((x) => x.looks)).toEqual(LOOKS);
    // Monte Carlo standard error at 10,000 runs is ≤ 0.005 (at rate .37), so 0.012 is about 2.5 SE.
    for (const row of r.rows) expect(Math.abs(row.falsePositiveRate - (ARMITAGE_RATES[row.looks] as number)), `k = ${row.looks}: ${row.falsePositiveRate}`).toBeLessThan(0.012);
    const rates = r.rows.map((x) => x.falsePositiveRate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(r).toMatchObject({ simulations: 10000, seed: 20250501, alpha: 0.05 });
    expect(r.cancelled).toBeUndefined();
  });

  it('is reproducible: the same seed gives the same rates, another seed other rates', () => {
    const opts = { simulations: 2000, looks: [1, 10, 100], alpha: 0.05, seed: 7 };
    expect(simulatePeeking(opts)).toEqual(simulatePeeking(opts));
    expect(simulatePeeking({ ...opts, seed: 8 }).rows).not.toEqual(simulatePeeking(opts).rows);
  });

  it('a stricter alpha gives fewer false positives; one look keeps alpha', () => {
    const r = simulatePeeking({ simulations: 20000, looks: [1, 20], alpha: 0.01, seed: 3 });
    expect(Math.abs((r.rows[0]?.falsePositiveRate ?? 0) - 0.01)).toBeLessThan(0.003);
    expect(r.rows[1]?.falsePositiveRate).toBeGreaterThan(0.03);
    expect(r.rows[1]?.falsePositiveRate).toBeLessThan(0.08);
  });

  it('reports progress after each chunk and stops early when asked (rates over the runs done, marked cancelled)', () => {
    const progress: [number, number][] = [];
    const full = simulatePeeking({ simulations: 1000, looks: [5], alpha: 0.05, seed: 11 }, (d, t) => progress.push([d, t]));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual([1000, 1000]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
    expect(full.cancelled).toBeUndefined();

    let calls = 0;
    const stopped = simulatePeeking({ simulations: 1000, looks: [5], alpha: 0.05, seed: 11 }, undefined, () => ++calls >= 2);
    expect(stopped.cancelled).toBe(true);
    expect(stopped.simulations).toBeGreaterThan(0);
    expect(stopped.simulations).toBeLessThan(1000);
  });

  it('the async form gives the same result and can be cancelled while it runs', async () => {
    const opts = { simulations: 3000, looks: LOOKS, alpha: 0.05, seed: 99 };
    expect(await simulatePeekingAsync(opts)).toEqual(simulatePeeking(opts));
    let stop = false;
    setTimeout(() => {
      stop = true;
    }, 0);
    const r = await simulatePeekingAsync({ ...opts, simulations: 1_000_000 }, undefined, () => stop);
    expect(r.cancelled).toBe(true);
    expect(r.simulations).toBeLessThan(1_000_000);
  });

  it('rejects options that cannot run', () => {
    const ok = { simulations: 10, looks: [1], alpha: 0.05, seed: 1 };
    for (const bad of [{ simulations: 0 }, { looks: [] }, { looks: [0] }, { looks: [2.5] }, { alpha: 1 }, { seed: 0 }, { seed: 1.5 }, { baseline: 1 }, { usersPerLook: 0 }]) {
      expect(() => simulatePeeking({ ...ok, ...bad }), JSON.stringify(bad)).toThrow(StatsInputError);
    }
  });
});

describe('core/stats runs the same in Node and in a worker', () => {
  it('imports nothing but its own files and @stdlib (no DOM, no Node built-ins)', () => {
    const dir = 'core/stats';
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      const specifiers = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1] as string);
      for (const s of specifiers) expect(s.startsWith('./') || s.startsWith('@stdlib/'), `${file} imports ${s}`).toBe(true);
      expect(text, file).not.toMatch(/\b(window|document|process|require)\b[.(]/);
    }
  });

  it('simulates in a worker thread, posting progress, with the same numbers as on the main thread', async () => {
    const code = `
      import { parentPort } from 'node:worker_threads';
      import { simulatePeeking } from ${JSON.stringify(new URL('../../../core/stats/index.ts', import.meta.url).href)};
      const r = simulatePeeking({ simulations: 1500, looks: [1, 10], alpha: 0.05, seed: 5 }, (done, total) => parentPort.postMessage({ progress: [done, total] }));
      parentPort.postMessage({ result: r });
    `;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
    const messages: { progress?: [number, number]; result?: unknown }[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: { result?: unknown }) => {
        messages.push(m);
        if (m.result) resolve();
      });
      worker.on('error', reject);
    });
    await worker.terminate();
    expect(messages.filter((m) => m.progress).length).toBeGreaterThan(1);
    expect(messages.at(-1)?.result).toEqual(simulatePeeking({ simulations: 1500, looks: [1, 10], alpha: 0.05, seed: 5 }));
  });
});
