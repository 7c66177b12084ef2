import { lazy } from 'react';
import { FlaskConical } from 'lucide-react';
import { registerCommands, registerMessages, registerScreen } from '../../app/registry.ts';
import { useStore } from '../../state/store.ts';
import { en, ko } from './messages.ts';
import { CUSTOM_SOURCE, useExperimentsStore } from './experiments-store.ts';

// The actions (the statistics, the engine client) load when a command first runs.
const actions = () => import('./experiments-actions.ts');
const runCustom = () => actions().then((m) => m.runCustom());

registerMessages('experiments', { en, ko });

// The screen (charts, the SQL editor) loads when it is first opened.
const ExperimentsScreen = lazy(() => import('./ExperimentsScreen.tsx').then((m) => ({ default: m.ExperimentsScreen })));

registerScreen({ id: 'experiments', label: 'experiments.nav', skipLabel: 'experiments.skip', icon: FlaskConical, component: ExperimentsScreen, nav: 6 });

const onScreen = ['experiments'];
const xp = () => useExperimentsStore.getState();
const customShown = () => xp().tab === 'readout' && xp().source === CUSTOM_SOURCE;

registerCommands([
  { id: 'open-experiments', label: 'experiments.commands.open', order: 95, run: () => useStore.getState().openScreen('experiments') },
  {
    id: 'experiments-run-query',
    label: 'experiments.commands.runQuery',
    keys: 'Mod+Enter',
    screens: onScreen,
    order: 5,
    visible: customShown,
    enabled: () => !xp().loading,
    run: runCustom,
  },
  {
    id: 'experiments-run-peeking',
    label: 'experiments.commands.runPeeking',
    screens: onScreen,
    order: 6,
    enabled: () => xp().peeking.status !== 'running',
    run: () => {
      xp().showTab('peeking');
      return actions().then((m) => m.startPeeking());
    },
  },
  {
    id: 'experiments-cancel',
    label: 'experiments.commands.cancel',
    keys: 'Escape',
    keyOnlyWhenEnabled: true,
    screens: onScreen,
    order: 99,
    enabled: () => xp().peeking.status === 'running' || (customShown() && xp().loading),
    run: () =>
      actions().then((m) => {
        if (xp().peeking.status === 'running') m.cancelPeeking();
        else return m.cancelCustom();
      }),
  },
]);
