import type { Localized } from '../datasets/catalog.ts';
import type { MaskCheckDetail } from './mask.ts';

/*
 * Kept apart from mask.ts so the governance worker can build a failed check (an SQL error before the
 * view exists) without loading mask.ts, which pulls node-sql-parser in through pii-lineage.ts.
 */

/** A failed masked-view check that found nothing to check: only `messages` say why. */
export function failedMaskCheck(view: string, messages: Localized[]): MaskCheckDetail {
  return {
    view,
    passed: false,
    directLeft: [],
    rawIds: [],
    rows: { view: 0, base: 0, reconciles: false },
    quasi: [],
    k: 0,
    smallestGroups: [],
    messages,
    keyedColumns: [],
    missingIds: [],
    groups: [],
  };
}
