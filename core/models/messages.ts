import { en } from './messages/en.ts';
import { ko } from './messages/ko.ts';

/**
 * What the model workbench tells a learner (load problems, build errors, skip reasons): a code
 * with parameters, rendered in both languages when it is made, so a message crosses the worker
 * boundary and the CLI as plain data and the UI shows the one in the learner's language.
 */

/** Parameters of each message code. */
export interface ModelMessageParams {
  'no-project-file': Record<string, never>;
  'yaml-syntax': { message: string };
  'yaml-shape': { what: string };
  'jinja-syntax': { message: string };
  'jinja-error': { message: string };
  'ref-missing': { name: string; suggestions: string[] };
  'source-missing': { source: string; table: string; suggestions: string[] };
  'var-missing': { name: string };
  'duplicate-model': { name: string; other: string };
  'test-unknown': { test: string };
  'test-args': { test: string; missing: string };
  'yaml-model-missing': { name: string };
  'materialized-unknown': { value: string };
  cycle: { cycle: string[] };
  'seed-parse': { message: string };
  'database-missing': { database: string };
  'source-table-missing': { source: string; table: string; identifier: string };
  'sql-error': { message: string };
  'upstream-failed': { node: string };
  'test-failed-upstream': { test: string; model: string };
  'test-failures': { count: number };
  'relationships-to': { value: string };
  cancelled: Record<string, never>;
}

/** A message code. */
export type ModelMessageCode = keyof ModelMessageParams;

/** One template per code and language; a language that misses a code does not compile. */
export type ModelMessageTemplates = { [C in ModelMessageCode]: (p: ModelMessageParams[C]) => string };

/** A message with its texts in both languages. */
export interface ModelMessage {
  code: ModelMessageCode;
  params: Record<string, unknown>;
  text: { en: string; ko: string };
}

/** Makes a message (both languages rendered now). */
export function modelMessage<C extends ModelMessageCode>(code: C, params: ModelMessageParams[C]): ModelMessage {
  return { code, params: params as Record<string, unknown>, text: { en: en[code](params), ko: ko[code](params) } };
}

/** Up to three names closest to `name` (edit distance), for "did you mean" hints. */
export function closeMatches(name: string, candidates: Iterable<string>): string[] {
  const scored: [string, number][] = [];
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d <= Math.max(2, Math.floor(name.length / 3)) || c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase())) {
      scored.push([c, d]);
    }
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([c]) => c);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
