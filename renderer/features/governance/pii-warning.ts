import { useEffect, useMemo, useState } from 'react';
import type { PiiWarningColumn } from '../../../core/governance/pii-warnings.ts';
import { directColumnsOf } from '../../../core/governance/pii.ts';
import type { RunRecord } from '../../state/workbench-slice.ts';
import { useStore } from '../../state/store.ts';
import { piiWarningsFor } from '../sandbox/workbench.ts';
import { useGovernanceStore } from './governance-store.ts';

/*
 * When the SQL editor warns about personal data: after each finished run (sandbox or lesson
 * editor) the SQL worker reads the result's lineage (core/governance/pii-warnings.ts) against the
 * catalog's direct identifiers of the open database and the learner's saved masked views. The
 * warning belongs to that run: a new run replaces it, a dismissal hides it until the next run that
 * shows direct identifiers.
 */

/** The warning on show: the direct identifiers of the last run's results, and how to dismiss it. */
export interface ShownPiiWarning {
  columns: PiiWarningColumn[];
  dismiss(): void;
}

/** The direct identifiers each statement of a finished run shows, deduplicated by output column. */
async function warningsOf(run: RunRecord, databaseId: string, masked: string[]): Promise<PiiWarningColumn[]> {
  const catalog = useStore.getState().catalog;
  if (!catalog) return [];
  const direct = directColumnsOf(catalog, databaseId);
  if (Object.keys(direct).length === 0) return [];
  const warnings = await piiWarningsFor(run.sql, direct, masked);
  const seen = new Set<string>();
  const out: PiiWarningColumn[] = [];
  for (const w of warnings)
    for (const c of w.columns) {
      const key = `${c.output}\u0000${c.table}.${c.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(c);
    }
  return out;
}

/** The PII warning for the run on show, or null (no run, no direct identifier, or dismissed). */
export function usePiiWarning(): ShownPiiWarning | null {
  const run = useStore((s) => s.run);
  const databaseId = useStore((s) => s.databaseId);
  const maskedViews = useGovernanceStore((s) => s.doc.maskedViews);
  const masked = useMemo(() => Object.keys(maskedViews), [maskedViews]);
  const [found, setFound] = useState<{ run: RunRecord; columns: PiiWarningColumn[] } | null>(null);
  const [dismissed, setDismissed] = useState<RunRecord | null>(null);
  const finished = !!run?.outcome && 'results' in run.outcome && run.outcome.results.some((r) => r.columns.length > 0);
  useEffect(() => {
    if (!run || !finished || !databaseId) return;
    let live = true;
    warningsOf(run, databaseId, masked)
      .then((columns) => {
        if (live) setFound({ run, columns });
      })
      // A warning that cannot be worked out is not shown: the run itself is unaffected.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [run, finished, databaseId, masked]);
  if (!run || !found || found.run !== run || found.columns.length === 0 || dismissed === run) return null;
  return { columns: found.columns, dismiss: () => setDismissed(run) };
}
