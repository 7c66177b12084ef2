import { Group, Panel, Separator } from 'react-resizable-panels';
import { Toolbar } from './Toolbar.tsx';
import { useStore } from '../../state/store.ts';
import { Sidebar } from './Sidebar.tsx';
import { EditorPane } from './EditorPane.tsx';
import { ResultsPane } from './ResultsPane.tsx';
import { StatusBar } from './StatusBar.tsx';
import { ResetConfirm } from './ResetConfirm.tsx';
import { SaveQueryDialog } from './SaveQueryDialog.tsx';

/** The free-practice SQL workbench: schema and history beside an editor over results. */
export function SandboxScreen() {
  const databaseId = useStore((s) => s.databaseId);
  return (
    <div className="app">
      <Toolbar />
      <main className="workspace" id="main-content">
        <Group orientation="horizontal" id="sandbox-columns">
          <Panel id="sidebar" defaultSize="24" minSize="180px" maxSize="45">
            <Sidebar />
          </Panel>
          <Separator className="resize-handle h" />
          <Panel id="main" minSize="40">
            <Group orientation="vertical" id="sandbox-rows">
              <Panel id="editor" defaultSize="45" minSize="15">
                <EditorPane docKey={databaseId ?? 'none'} />
              </Panel>
              <Separator className="resize-handle v" />
              <Panel id="results" minSize="20">
                <ResultsPane />
              </Panel>
            </Group>
          </Panel>
        </Group>
      </main>
      <StatusBar />
      <ResetConfirm />
      <SaveQueryDialog />
    </div>
  );
}
