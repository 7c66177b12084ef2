import { useStore } from '../../state/store.ts';
import { useGovernanceStore, type GovernanceTab } from './governance-store.ts';

/*
 * What the Governance screen's commands do, and the way in for other screens: the SQL editor's
 * PII warning links to the Masked views tab through openGovernance('masked').
 */

/** The Governance screen's id. */
export const GOVERNANCE_SCREEN = 'governance';

/** Opens the Governance screen, at a tab when given. */
export function openGovernance(tab?: GovernanceTab): void {
  if (tab) useGovernanceStore.getState().showTab(tab);
  useStore.getState().openScreen(GOVERNANCE_SCREEN);
}
