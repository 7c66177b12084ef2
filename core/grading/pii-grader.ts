import { entriesByKey } from '../governance/pii.ts';
import type { CatalogueEntry, PiiClass } from '../governance/types.ts';
import type { Localized } from '../lessons/localized.ts';
import type { Verdict } from './compare.ts';
import { message, type Message } from './messages.ts';

/*
 * Grades a pii step: every listed column's tag against the catalogue's reference class. Each
 * difference is named with the learner's tag, the reference and the reference's reason; untagged
 * columns are counted (and named). A known mistake (the same tags as a knownWrong answer on the
 * listed columns) adds the lesson's own feedback. Pure: the caller gives the catalogue.
 */

/** What a pii step asks. */
export interface PiiGradeSpec {
  columns: readonly string[];
  knownWrong: readonly { tags: Readonly<Record<string, PiiClass>>; feedback?: Localized | undefined }[];
}

function sameTags(columns: readonly string[], a: Readonly<Record<string, PiiClass>>, b: Readonly<Record<string, PiiClass>>): boolean {
  return columns.every((c) => a[c] === b[c]);
}

/** Grades the tags of a pii step against the catalogue. */
export function gradePii(
  spec: PiiGradeSpec,
  answer: { tags: Readonly<Record<string, PiiClass>> },
  catalogue: readonly CatalogueEntry[],
): Verdict {
  const byKey = entriesByKey(catalogue);
  const messages: Message[] = [];
  const untagged: string[] = [];
  for (const key of spec.columns) {
    const entry = byKey.get(key);
    if (!entry) {
      messages.push(message('lesson-error', { message: `the catalogue has no column '${key}'` }));
      continue;
    }
    const yours = answer.tags[key];
    if (yours === undefined) untagged.push(key);
    else if (yours !== entry.reference)
      messages.push(message('pii-tag-differs', { column: key, yours, reference: entry.reference, reason: entry.reason }));
  }
  if (untagged.length > 0) messages.push(message('pii-untagged', { count: untagged.length, columns: untagged }));
  const pass = messages.length === 0;
  if (!pass) {
    const known = spec.knownWrong.find((k) => k.feedback !== undefined && sameTags(spec.columns, k.tags, answer.tags));
    if (known?.feedback) messages.push(message('known-mistake', { feedback: known.feedback }));
  }
  return { pass, messages, expected: null, actual: null };
}
