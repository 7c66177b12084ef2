import { SquareTerminal } from 'lucide-react';
import { registerCommands, registerScreen } from '../../app/registry.ts';
import { useStore, type Store } from '../../state/store.ts';
import { focusEditor } from '../../editor/editor-bridge.ts';
import { SandboxScreen } from './SandboxScreen.tsx';
import { cancelRun, exportResultCsv, formatEditor, runAll, runCurrent } from './workbench.ts';

registerScreen({ id: 'sandbox', label: 'nav.sandbox', skipLabel: 'app.skipToEditor', icon: SquareTerminal, component: SandboxScreen, nav: 1 });

const idle = (s: Store) => s.engine === 'idle';
const hasResult = (s: Store) => !!s.run?.outcome && 'results' in s.run.outcome && s.run.outcome.results.length > 0;
const ui = () => useStore.getState();

// Run, Cancel, Format and the rest work in a lesson's editor too: no `screens` limit.
registerCommands([
  { id: 'run', label: 'commands.run', keys: 'Mod+Enter', order: 10, enabled: idle, run: runCurrent },
  { id: 'run-all', label: 'commands.runAll', keys: 'Shift+Mod+Enter', screens: ['sandbox'], order: 20, enabled: idle, run: runAll },
  { id: 'open-sandbox', label: 'commands.openSandbox', order: 90, run: () => ui().openScreen('sandbox') },
  { id: 'cancel', label: 'commands.cancel', keys: 'Escape', keyOnlyWhenEnabled: true, order: 100, enabled: (s) => s.engine === 'busy', run: cancelRun },
  { id: 'format', label: 'commands.format', keys: 'Shift+Alt+F', editorOwnsKey: true, order: 110, run: formatEditor },
  { id: 'save', label: 'commands.save', keys: 'Mod+S', order: 130, enabled: (s) => !!s.databaseId, run: () => ui().setSaveDialogOpen(true) },
  {
    id: 'export-csv',
    label: 'commands.exportCsv',
    keys: 'Mod+Shift+E',
    order: 140,
    enabled: (s) => idle(s) && hasResult(s),
    run: exportResultCsv,
  },
  { id: 'reset', label: 'commands.reset', order: 150, enabled: (s) => idle(s) && !!s.databaseId, run: () => ui().setResetConfirmOpen(true) },
  { id: 'focus-editor', label: 'commands.focusEditor', keys: 'Mod+1', order: 180, run: focusEditor },
  { id: 'show-schema', label: 'commands.focusSchema', keys: 'Mod+2', order: 190, run: () => ui().showSidebarTab('schema') },
  { id: 'show-history', label: 'commands.focusHistory', keys: 'Mod+3', order: 200, run: () => ui().showSidebarTab('history') },
  { id: 'show-saved', label: 'commands.focusSaved', keys: 'Mod+4', order: 210, run: () => ui().showSidebarTab('saved') },
  { id: 'show-table', label: 'commands.showTable', order: 220, run: () => ui().showResultTab('table') },
  { id: 'show-chart', label: 'commands.showChart', order: 230, run: () => ui().showResultTab('chart') },
]);
