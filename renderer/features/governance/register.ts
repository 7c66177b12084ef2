import { lazy } from 'react';
import { ShieldCheck } from 'lucide-react';
import { registerCommands, registerMessages, registerScreen } from '../../app/registry.ts';
import { en, ko } from './messages.ts';
// The governance document's binding must exist before the app loads its documents: imported here, not lazily.
import './governance-store.ts';
// The sandbox engine's pseudonym() gets the workspace key once the first database is open.
import './workspace-key.ts';
import { openGovernance } from './governance-actions.ts';
import { useGovernanceStore } from './governance-store.ts';

// The masked views' actions (the governance engine client) load when one first runs.
const mask = () => import('./mask-actions.ts');
const runMask = () => mask().then((m) => m.runMask());
const checkMask = () => mask().then((m) => m.checkMask());
const cancelMask = () => mask().then((m) => m.cancelMask());
/** A masked view is being made or checked (as mask-actions.ts's maskBusy, without loading it). */
function maskBusy(): boolean {
  const g = useGovernanceStore.getState();
  return g.maskRun.status === 'running' || g.maskCheck.status === 'running';
}

registerMessages('governance', { en, ko });

// The screen (Monaco, the lineage graph) loads when it is first opened.
const GovernanceScreen = lazy(() => import('./GovernanceScreen.tsx'));

registerScreen({ id: 'governance', label: 'governance.nav', skipLabel: 'governance.skip', icon: ShieldCheck, component: GovernanceScreen, nav: 7 });

const onScreen = ['governance'];
const maskTab = () => useGovernanceStore.getState().tab === 'masked';

registerCommands([
  { id: 'open-governance', label: 'governance.commands.open', order: 96, run: () => openGovernance() },
  { id: 'governance-catalogue', label: 'governance.commands.catalogue', order: 96.1, run: () => openGovernance('catalogue') },
  { id: 'governance-quality', label: 'governance.commands.quality', order: 96.2, run: () => openGovernance('quality') },
  { id: 'governance-lineage', label: 'governance.commands.lineage', order: 96.3, run: () => openGovernance('lineage') },
  { id: 'governance-masked', label: 'governance.commands.masked', order: 96.4, run: () => openGovernance('masked') },
  {
    id: 'governance-mask-run',
    label: 'governance.commands.maskRun',
    keys: 'Mod+Enter',
    screens: onScreen,
    order: 5,
    visible: maskTab,
    enabled: () => !maskBusy(),
    run: runMask,
  },
  { id: 'governance-mask-check', label: 'governance.commands.maskCheck', screens: onScreen, order: 6, visible: maskTab, enabled: () => !maskBusy(), run: checkMask },
  {
    id: 'governance-mask-cancel',
    label: 'governance.commands.maskCancel',
    keys: 'Escape',
    keyOnlyWhenEnabled: true,
    screens: onScreen,
    order: 99,
    visible: maskTab,
    enabled: maskBusy,
    run: cancelMask,
  },
]);
