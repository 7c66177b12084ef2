import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * node-sql-parser takes hundreds of milliseconds to load: it must never reach the renderer's main
 * thread. The lesson schema (every step kind, the impact kind among them) and the Lineage tab's
 * input gathering are on the main thread, so no static import chain from them may reach the parser;
 * the lineage builder is imported dynamically (in the governance worker and the grader) instead.
 */

const ROOT = resolve(import.meta.dirname, '../../..');

/** Static value imports of a TypeScript file (type-only imports and dynamic import() are left out). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)) out.push(m[1] as string);
  return out;
}

/** The chain of files from `entry` to the first import of `target`, or null. */
function chainTo(entry: string, target: string): string[] | null {
  const seen = new Set<string>();
  const visit = (file: string, path: string[]): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith(target)) return [...path, file, spec];
      if (!spec.startsWith('.') || !spec.endsWith('.ts')) continue;
      const found = visit(join(dirname(file), spec), [...path, file]);
      if (found) return found;
    }
    return null;
  };
  return visit(join(ROOT, entry), []);
}

describe('the SQL parser stays off the main thread', () => {
  it.each(['core/lessons/step-kinds.ts', 'renderer/workbench/lineage-inputs.ts', 'core/governance/impact.ts'])('%s does not import it', (entry) => {
    expect(chainTo(entry, 'node-sql-parser')).toBeNull();
  });

  it('the lineage builder does (so the check above can fail)', () => {
    expect(chainTo('core/governance/lineage.ts', 'node-sql-parser')).not.toBeNull();
  });
});
