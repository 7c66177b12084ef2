import i18next from 'i18next';
import { GovernanceCancelledError, sharedGovernanceClient } from '../../workbench/governance-client.ts';
import { useGovernanceStore } from './governance-store.ts';

/*
 * What the Quality tab's buttons do: run the learner's checks, run them over every simulated day
 * (the history), cancel either. The work runs in the governance worker; results land in the
 * governance store, so they stay when the learner switches tabs and comes back.
 */

// The reference check file that comes with the app (lessons/_reference/quality), the learner's starting point.
const REFERENCE = import.meta.glob('/lessons/_reference/quality/hanbit-checks.yml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** A short starter used only when the reference example is missing from the build. */
const STARTER = `# Quality checks: one block per table (Soda-like)
checks for hanbit-prod.customers:
  - row_count > 0
  - missing_count(email) = 0
`;

/** The reference example check file (what an empty `checksYaml` stands for). */
export function exampleChecks(): string {
  return Object.values(REFERENCE)[0] ?? STARTER;
}

/** The learner's check file: their saved text, or the reference example until they write one. */
export function learnerChecks(doc: { checksYaml: string }): string {
  return doc.checksYaml === '' ? exampleChecks() : doc.checksYaml;
}

let running: AbortController | null = null;

function failureText(e: unknown): string {
  return i18next.t('governance.quality.failed', { message: e instanceof Error ? e.message : String(e) });
}

/** Runs the learner's checks on the bundled data; the first check that did not pass opens. */
export async function runChecks(): Promise<void> {
  const store = useGovernanceStore.getState();
  if (store.qualityBusy) return;
  const yaml = learnerChecks(store.doc);
  const abort = new AbortController();
  running = abort;
  store.setQualityBusy({ kind: 'run', done: 0, total: 0 }, null);
  try {
    const run = await sharedGovernanceClient().quality(yaml, {
      signal: abort.signal,
      // Per check: n of N and the check running (a run on a busy machine takes a minute).
      onProgress: (done, total, current) => {
        if (running === abort) useGovernanceStore.getState().setQualityBusy({ kind: 'run', done, total, current: current ?? null });
      },
    });
    useGovernanceStore.getState().finishQualityRun(run, yaml);
    useGovernanceStore.getState().setQualityBusy(null);
  } catch (e) {
    useGovernanceStore.getState().setQualityBusy(null, e instanceof GovernanceCancelledError ? null : failureText(e));
  } finally {
    if (running === abort) running = null;
  }
}

/** Runs every check over every simulated day, with progress; the day each check broke is marked. */
export async function runHistory(): Promise<void> {
  const store = useGovernanceStore.getState();
  if (store.qualityBusy) return;
  const yaml = learnerChecks(store.doc);
  const abort = new AbortController();
  running = abort;
  store.setQualityBusy({ kind: 'history', done: 0, total: 0 }, null);
  store.setQualityView('history');
  try {
    // The history names its checks by id: a run of the same file first gives their text (and the
    // file's problems, when it has any: then there is no history to draw, and the problems show).
    if (store.qualityRanYaml.run !== yaml || !store.qualityRun) {
      const run = await sharedGovernanceClient().quality(yaml, { signal: abort.signal });
      useGovernanceStore.getState().finishQualityRun(run, yaml);
      if (run.problems.length > 0) {
        useGovernanceStore.getState().setQualityBusy(null);
        return;
      }
      useGovernanceStore.getState().setQualityView('history');
    }
    const history = await sharedGovernanceClient().history(yaml, {
      signal: abort.signal,
      onProgress: (done, total) => {
        if (running === abort) useGovernanceStore.getState().setQualityBusy({ kind: 'history', done, total });
      },
    });
    useGovernanceStore.getState().finishQualityHistory(history, yaml);
    useGovernanceStore.getState().setQualityBusy(null);
  } catch (e) {
    useGovernanceStore.getState().setQualityBusy(null, e instanceof GovernanceCancelledError ? null : failureText(e));
  } finally {
    if (running === abort) running = null;
  }
}

/** Stops the run or history under way (the worker is replaced; nothing is kept from the stopped work). */
export function cancelQuality(): void {
  running?.abort();
}

/** Puts the reference example back in place of the learner's checks. */
export function resetToExample(): void {
  useGovernanceStore.getState().setChecksYaml('');
}
