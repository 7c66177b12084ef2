import { lazy } from 'react';
import { Boxes } from 'lucide-react';
import { registerCommands, registerMessages, registerScreen } from '../../app/registry.ts';
import { useStore } from '../../state/store.ts';
import { en, ko } from './messages.ts';
// The saved project's binding must exist before the app loads its documents: import it here, not lazily.
import './models-store.ts';
import { buildAll, buildOpenModel, buildRunning, cancelBuild, exportZip, hasOpenModel } from './models-actions.ts';
import { openModelsDialog } from './models-dialogs.ts';

registerMessages('models', { en, ko });

// The workbench (Monaco, xyflow, the grid) loads when the screen is first opened.
const ModelsScreen = lazy(() => import('./ModelsScreen.tsx'));

registerScreen({ id: 'models', label: 'models.nav', skipLabel: 'models.skip', icon: Boxes, component: ModelsScreen, nav: 3 });

const onModels = ['models'];
registerCommands([
  { id: 'open-models', label: 'models.commands.open', order: 95, run: () => useStore.getState().openScreen('models') },
  // On this screen Ctrl+Enter builds what is being edited, as it runs the query in the sandbox.
  { id: 'models-build-plus', label: 'models.commands.buildSelected', keys: 'Mod+Enter', screens: onModels, order: 5, enabled: () => !buildRunning() && hasOpenModel(), run: buildOpenModel },
  { id: 'models-build-all', label: 'models.commands.buildAll', keys: 'Shift+Mod+Enter', screens: onModels, order: 6, enabled: () => !buildRunning(), run: buildAll },
  { id: 'models-cancel', label: 'models.commands.cancel', keys: 'Escape', keyOnlyWhenEnabled: true, screens: onModels, order: 99, enabled: buildRunning, run: cancelBuild },
  { id: 'models-import', label: 'models.commands.import', screens: onModels, order: 96, enabled: () => !buildRunning(), run: () => openModelsDialog('import') },
  { id: 'models-export', label: 'models.commands.export', screens: onModels, order: 97, run: () => void exportZip() },
  { id: 'models-reset', label: 'models.commands.reset', screens: onModels, order: 98, enabled: () => !buildRunning(), run: () => openModelsDialog('reset') },
]);
