import { lazy } from 'react';
import { ShieldCheck } from 'lucide-react';
import { registerCommands, registerMessages, registerScreen } from '../../app/registry.ts';
import { en, ko } from './messages.ts';
// The governance document's binding must exist before the app loads its documents: imported here, not lazily.
import './governance-store.ts';
import { openGovernance } from './governance-actions.ts';

registerMessages('governance', { en, ko });

// The screen (Monaco, the lineage graph) loads when it is first opened.
const GovernanceScreen = lazy(() => import('./GovernanceScreen.tsx'));

registerScreen({ id: 'governance', label: 'governance.nav', skipLabel: 'governance.skip', icon: ShieldCheck, component: GovernanceScreen, nav: 7 });

registerCommands([
  { id: 'open-governance', label: 'governance.commands.open', order: 96, run: () => openGovernance() },
  { id: 'governance-catalogue', label: 'governance.commands.catalogue', order: 96.1, run: () => openGovernance('catalogue') },
  { id: 'governance-quality', label: 'governance.commands.quality', order: 96.2, run: () => openGovernance('quality') },
  { id: 'governance-lineage', label: 'governance.commands.lineage', order: 96.3, run: () => openGovernance('lineage') },
  { id: 'governance-masked', label: 'governance.commands.masked', order: 96.4, run: () => openGovernance('masked') },
]);
