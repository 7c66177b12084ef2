import { useStore } from '../../state/store.ts';
import { setSandboxPseudonymKey } from '../sandbox/workbench.ts';
import { useGovernanceStore } from './governance-store.ts';

/*
 * pseudonym(value) in the sandbox and the lesson editor runs under the learner's workspace key.
 * The key is made (once per workspace) when the first database opens, which is after the saved
 * work has been read, so a saved key is never replaced; every later change of the key reaches the
 * engine too.
 */

let sent: string | null = null;

function send(key: string): void {
  if (key === sent) return;
  sent = key;
  void setSandboxPseudonymKey(key).catch(() => {
    // A worker that is being replaced gets the key when it starts (the SQL client resends it).
    sent = null;
  });
}

useStore.subscribe((s) => {
  if (sent === null && s.databaseId && s.engine === 'idle') send(useGovernanceStore.getState().ensureWorkspaceKey());
});

useGovernanceStore.subscribe((s, prev) => {
  const key = s.doc.workspaceKey;
  if (key && key !== prev.doc.workspaceKey && sent !== null) send(key);
});
