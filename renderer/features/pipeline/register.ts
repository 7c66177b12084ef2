import { lazy } from 'react';
import i18next from 'i18next';
import { Workflow } from 'lucide-react';
import { registerCommands, registerMessages, registerScreen } from '../../app/registry.ts';
import { useStore } from '../../state/store.ts';
import { en, ko } from './messages.ts';
// The saved pipelines' binding must exist before the app loads its documents: imported here, not lazily.
import { currentPipeline, usePipelineDocStore, usePipelineSessionStore, sessionDs } from './pipeline-store.ts';

// The actions (the engine client, the graph checks, the Airflow export) load when a command first runs.
const actions = () => import('./pipeline-actions.ts');
/** The pipeline on the screen (as pipeline-actions.ts's screenPipeline, without loading it). */
const screenPipeline = () => currentPipeline(usePipelineDocStore.getState().doc, i18next.language);
/** A free (non-lesson) session's key (as pipeline-actions.ts's sessionKey). */
const sessionKey = (mode: 'free', p: { id: string }) => `${mode}:${p.id}`;

registerMessages('pipeline', { en, ko });

// The workbench (xyflow, Monaco, the grid) loads when the screen is first opened.
const PipelineScreen = lazy(() => import('./PipelineScreen.tsx').then((m) => ({ default: m.PipelineScreen })));

registerScreen({ id: 'pipeline', label: 'pipeline.nav', skipLabel: 'pipeline.skip', icon: Workflow, component: PipelineScreen, nav: 2 });

const onPipeline = ['pipeline'];
/** The screen's pipeline, its session key and its session. */
function current() {
  const p = screenPipeline();
  const key = sessionKey('free', p);
  const session = usePipelineSessionStore.getState().sessions[key];
  return { p, key, session, ds: sessionDs(p, session) };
}
const idle = () => !current().session?.busy;
const working = () => {
  const busy = current().session?.busy;
  return busy === 'run' || busy === 'backfill' || busy === 'idempotency';
};

registerCommands([
  { id: 'open-pipeline', label: 'pipeline.commands.open', order: 94, run: () => useStore.getState().openScreen('pipeline') },
  // On this screen Ctrl+Enter runs the selected task, as it runs the query in the sandbox.
  {
    id: 'pipeline-run-task',
    label: 'pipeline.commands.runTask',
    keys: 'Mod+Enter',
    screens: onPipeline,
    order: 5,
    enabled: () => idle() && !!current().session?.selected,
    run: () => {
      const { p, key, session, ds } = current();
      const selected = session?.selected;
      if (selected) return actions().then((m) => m.runTaskAction(key, p, selected, ds));
    },
  },
  {
    id: 'pipeline-run-all',
    label: 'pipeline.commands.runAll',
    keys: 'Shift+Mod+Enter',
    screens: onPipeline,
    order: 6,
    enabled: idle,
    run: () => {
      const { p, key, ds } = current();
      return actions().then((m) => m.runAllAction(key, p, ds));
    },
  },
  { id: 'pipeline-cancel', label: 'pipeline.commands.cancel', keys: 'Escape', keyOnlyWhenEnabled: true, screens: onPipeline, order: 99, enabled: working, run: () => actions().then((m) => m.cancelAction()) },
  { id: 'pipeline-open-file', label: 'pipeline.commands.openFile', screens: onPipeline, order: 96, run: () => actions().then((m) => m.openPipelineFile()) },
  { id: 'pipeline-save-file', label: 'pipeline.commands.saveFile', screens: onPipeline, order: 97, run: () => actions().then((m) => m.savePipelineFile(screenPipeline())) },
  { id: 'pipeline-export-airflow', label: 'pipeline.commands.exportAirflow', screens: onPipeline, order: 98, run: () => actions().then((m) => m.exportAirflow(screenPipeline())) },
]);
