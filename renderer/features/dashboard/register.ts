import { lazy } from 'react';
import { LayoutDashboard } from 'lucide-react';
import { registerCommands, registerMessages, registerScreen } from '../../app/registry.ts';
import { useStore } from '../../state/store.ts';
import { en, ko } from './messages.ts';
// The saved dashboards' binding must exist before the app loads its documents: imported here, not lazily.
import { useDashboardUi } from './dashboard-store.ts';
// The actions (the metrics engine client, Vega for PNG and SVG) load when a command first runs.
const actions = () => import('./dashboard-actions.ts');
const exportAs = (format: 'specs' | 'png' | 'svg') => () => actions().then((m) => m.exportDashboard(m.screenDashboard(), format));

registerMessages('dashboard', { en, ko });

// The grid, Vega and the tiles load when the screen is first opened.
const DashboardScreen = lazy(() => import('./DashboardScreen.tsx').then((m) => ({ default: m.DashboardScreen })));

registerScreen({
  id: 'dashboards',
  label: 'dashboard.nav',
  skipLabel: 'dashboard.skip',
  icon: LayoutDashboard,
  component: DashboardScreen,
  nav: 5,
});

const onDashboards = ['dashboards'];
const open = (kind: 'add' | 'new') => () => useDashboardUi.getState().openDialog({ kind });

registerCommands([
  { id: 'open-dashboards', label: 'dashboard.commands.open', order: 95, run: () => useStore.getState().openScreen('dashboards') },
  { id: 'dashboard-add-tile', label: 'dashboard.commands.addTile', screens: onDashboards, order: 5, run: open('add') },
  { id: 'dashboard-new', label: 'dashboard.commands.newDashboard', screens: onDashboards, order: 6, run: open('new') },
  {
    id: 'dashboard-export-specs',
    label: 'dashboard.commands.exportSpecs',
    screens: onDashboards,
    order: 96,
    run: exportAs('specs'),
  },
  {
    id: 'dashboard-export-png',
    label: 'dashboard.commands.exportPng',
    screens: onDashboards,
    order: 97,
    run: exportAs('png'),
  },
  {
    id: 'dashboard-export-svg',
    label: 'dashboard.commands.exportSvg',
    screens: onDashboards,
    order: 98,
    run: exportAs('svg'),
  },
]);
