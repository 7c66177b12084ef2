import { lazy } from 'react';
import { BookMarked } from 'lucide-react';
import { registerCommands, registerMessages, registerScreen } from '../../app/registry.ts';
import { en, ko } from './messages.ts';
// The saved metrics' binding must exist before the app loads its documents: imported here, not lazily.
import './metrics-store.ts';
import { compareDefinitions, newMetric, openRegistry } from './metrics-actions.ts';

registerMessages('metrics', { en, ko });

// The screen (charts, Monaco in the editor dialog) loads when it is first opened.
const MetricsScreen = lazy(() => import('./MetricsScreen.tsx'));

registerScreen({ id: 'metrics', label: 'metrics.nav', skipLabel: 'metrics.skip', icon: BookMarked, component: MetricsScreen, nav: 4 });

registerCommands([
  { id: 'open-metrics', label: 'metrics.commands.open', order: 95.5, run: openRegistry },
  { id: 'metrics-new', label: 'metrics.commands.newMetric', order: 95.6, run: newMetric },
  { id: 'metrics-compare', label: 'metrics.commands.compare', order: 95.7, run: compareDefinitions },
]);
