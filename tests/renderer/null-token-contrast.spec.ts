import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The NULL mark (`--null`) is 11 px text in every result grid: WCAG AA asks 4.5:1 for text that
 * small, on each surface it can sit on, in the light and the dark theme. One shared token: no
 * screen keeps its own darker copy.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const tokens = readFileSync(join(ROOT, 'renderer', 'styles', 'tokens.css'), 'utf8');

function block(selector: string): Record<string, string> {
  const start = tokens.indexOf(`${selector} {`);
  const body = tokens.slice(start, tokens.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('the NULL colour token', () => {
  for (const [theme, selector] of [
    ['light', ':root'],
    ['dark', ":root[data-theme='dark']"],
  ] as const) {
    it(`is at least 4.5:1 on every surface in the ${theme} theme`, () => {
      const t = block(selector);
      expect(t.null).toMatch(/^#/);
      for (const surface of ['bg', 'surface', 'surface-2', 'surface-3']) {
        expect(contrast(t.null ?? '', t[surface] ?? ''), `${theme} --null on --${surface}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  it('is not overridden by the Quality tab', () => {
    const quality = readFileSync(join(ROOT, 'renderer', 'features', 'governance', 'quality.css'), 'utf8');
    expect(quality).not.toMatch(/--(qc-)?null\s*:/);
  });
});
