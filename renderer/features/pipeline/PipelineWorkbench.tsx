import { useCallback, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import * as Tabs from '@radix-ui/react-tabs';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { CalendarRange, Copy, FilePlus2, FileInput, Play, PlayCircle, Plus, RotateCcw, Square, X } from 'lucide-react';
import type { Pipeline, PipelineTask } from '../../../core/pipeline/schema.ts';
import { DagLegend, DagView, type DagEdge, type DagNode, type DagState } from '../../ui/graph/DagView.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { shownKeys } from '../../commands/commands.ts';
import { addTask, connectTasks, disconnectTasks, unrecordedTables, type EditRefusal } from './pipeline-edit.ts';
import { refusalText } from './refusal-text.ts';
import { sessionDs, usePipelineSession, usePipelineSessionStore } from './pipeline-store.ts';
import { cancelAction, rerunFromAction, runAllAction, runTaskAction, sessionKey } from './pipeline-actions.ts';
import { TaskPanel } from './TaskPanel.tsx';
import { LogPanel, RunsPanel, ReconcilePanel } from './RunPanels.tsx';
import { TablesPanel } from './TablesPanel.tsx';
import { DataPanel } from './DataPanel.tsx';
import { BackfillDialog, IdempotencyDialog } from './PipelineDialogs.tsx';
import { RunProgress } from './RunProgress.tsx';
import { DEFAULT_LAKE_PATH } from './lake-files.ts';
import './pipeline.css';

/** Props of the pipeline workbench. */
export interface PipelineWorkbenchProps {
  /** The pipeline being built (controlled: every edit comes back through onChange). */
  pipeline: Pipeline;
  /** An edit the learner made; the owner saves it (the screen's store, a lesson step's answer). */
  onChange: (next: Pipeline) => void;
  /** 'free' on the Pipeline screen; 'lesson' inside a lesson step (session kept apart from the screen's). */
  mode: 'free' | 'lesson';
  /**
   * The logical date `{{ ds }}` the workbench starts on until the learner picks another (a lesson
   * step passes its own ds, the day it is graded for). Absent: the pipeline's schedule.start, else
   * in lesson mode the last day of the data (never today's date), on the screen today.
   */
  defaultDs?: string | null;
}

const STATES_SHOWN: DagState[] = ['idle', 'pending', 'running', 'success', 'failed', 'skipped', 'upstream_failed'];

type InspectorTab = 'task' | 'log' | 'runs' | 'reconcile' | 'tables' | 'data';

/**
 * The pipeline workbench: the task graph (arrows drawn by dragging, a cycle refused at once),
 * run controls with the logical date, and an inspector with the selected task, its log, the run
 * history, the reconciliation, the table records and the pipeline's database. Embeddable: the
 * Pipeline screen and the lesson player both render it around their own pipeline.
 */
export function PipelineWorkbench({ pipeline, onChange, mode, defaultDs }: PipelineWorkbenchProps) {
  const { t } = useTranslation();
  const key = sessionKey(mode, pipeline);
  const session = usePipelineSession(key);
  const store = usePipelineSessionStore;
  const ds = sessionDs(pipeline, session, { defaultDs, mode });
  const selected = session.selected && pipeline.tasks.some((x) => x.id === session.selected) ? session.selected : null;
  const selectedTask = pipeline.tasks.find((x) => x.id === selected) ?? null;
  const [tab, setTab] = useState<InspectorTab>('task');
  const [refusal, setRefusal] = useState<EditRefusal | null>(null);
  const [dialog, setDialog] = useState<null | 'backfill' | 'idempotency'>(null);
  const busy = session.busy !== null;
  const running = session.busy === 'run' || session.busy === 'backfill' || session.busy === 'idempotency';

  const select = useCallback((id: string | null) => store.getState().select(key, id), [store, key]);
  // Stable, so the (memoised) graph does not re-render when only the inspector changes.
  const selectOnGraph = useCallback(
    (id: string | null) => {
      select(id);
      if (id) setTab((now) => (now !== 'log' && now !== 'task' ? 'task' : now));
    },
    [select],
  );

  // Each task's node is kept while its task, state and language are: a state change re-renders one node, not the graph.
  const nodeCache = useRef(new Map<string, { task: PipelineTask; state: DagState; t: TFunction; node: DagNode }>());
  const nodes = useMemo((): DagNode[] => {
    const cache = nodeCache.current;
    const next = pipeline.tasks.map((task) => {
      const state: DagState = session.states[task.id] ?? 'idle';
      const hit = cache.get(task.id);
      if (hit && hit.task === task && hit.state === state && hit.t === t) return hit.node;
      const node: DagNode = {
        id: task.id,
        label: task.id,
        sublabel: task.kind === 'extract' ? `→ ${task.target}` : sqlSummary(task.sql),
        tag: task.kind === 'extract' ? t('pipeline.kind.extract') : t('pipeline.kind.sql'),
        state,
      };
      cache.set(task.id, { task, state, t, node });
      return node;
    });
    for (const id of cache.keys()) if (!pipeline.tasks.some((x) => x.id === id)) cache.delete(id);
    return next;
  }, [pipeline.tasks, session.states, t]);
  const edges = pipeline.edges as DagEdge[];

  const connect = useCallback(
    (edge: DagEdge) => {
      const result = connectTasks(pipeline, edge);
      if (result.ok) {
        setRefusal(null);
        onChange(result.pipeline);
      } else setRefusal(result);
    },
    [pipeline, onChange],
  );
  const removeEdge = useCallback((edge: DagEdge) => onChange(disconnectTasks(pipeline, edge)), [pipeline, onChange]);
  const moved = useCallback(
    (id: string, at: { x: number; y: number }) => onChange({ ...pipeline, layout: { ...pipeline.layout, [id]: { x: Math.round(at.x), y: Math.round(at.y) } } }),
    [pipeline, onChange],
  );
  const resetLayout = useCallback(() => {
    const { layout: _drop, ...rest } = pipeline;
    onChange(rest);
  }, [pipeline, onChange]);

  const add = (kind: 'extract' | 'sql') => {
    const { pipeline: next, id } = addTask(pipeline, kind, { path: DEFAULT_LAKE_PATH, after: selected });
    onChange(next);
    select(id);
    setTab('task');
  };

  const highlighted = useMemo(() => (refusal?.reason === 'cycle' ? new Set(refusal.cycle) : undefined), [refusal]);
  // Tables the SQL names, and those the engine saw the runs write (staging included), without a record.
  const recorded = new Set(pipeline.tables.map((r) => r.table.toLowerCase()));
  const missingRecords = [...new Set([...unrecordedTables(pipeline), ...(session.unrecorded ?? [])])].filter((t) => !recorded.has(t.toLowerCase())).sort();
  const failedSelected = selected !== null && (session.states[selected] === 'failed' || session.states[selected] === 'upstream_failed');

  return (
    <div className={`pipeline-workbench mode-${mode}`} data-testid="pipeline-workbench">
      <div className="pl-toolbar" role="toolbar" aria-label={t('pipeline.toolbar')}>
        {running ? (
          <button className="btn danger" onClick={cancelAction} data-testid="pl-cancel">
            <Square aria-hidden /> {t('pipeline.cancel')}
          </button>
        ) : (
          <Tooltip text={t('pipeline.runAllHint')} keys={mode === 'free' ? shownKeys('pipeline-run-all') : undefined}>
            <button className="btn primary" onClick={() => void runAllAction(key, pipeline, ds)} disabled={busy || pipeline.tasks.length === 0} data-testid="pl-run-all">
              <Play aria-hidden /> {t('pipeline.runAll')}
            </button>
          </Tooltip>
        )}
        <Tooltip text={t('pipeline.runTaskHint')}>
          <button className="btn narrow-icon" onClick={() => selected && void runTaskAction(key, pipeline, selected, ds)} disabled={busy || !selected} data-testid="pl-run-task">
            <PlayCircle aria-hidden /> <span className="btn-label">{t('pipeline.runTask')}</span>
          </button>
        </Tooltip>
        <Tooltip text={t('pipeline.rerunHint')}>
          <button
            className={`btn${failedSelected ? ' attention' : ''}`}
            onClick={() => selected && void rerunFromAction(key, pipeline, selected, ds)}
            disabled={busy || !selected || !session.hasDatabase}
            data-testid="pl-rerun"
          >
            <RotateCcw aria-hidden /> <span className="btn-label">{t('pipeline.rerun')}</span>
          </button>
        </Tooltip>
        <span className="toolbar-sep" />
        <label className="pl-ds">
          <span>{t('pipeline.ds', { dsTag: '{{ ds }}' })}</span>
          <input
            type="date"
            className="input"
            value={ds}
            onChange={(e) => e.target.value && store.getState().setDs(key, e.target.value)}
            disabled={busy}
            data-testid="pl-ds"
          />
        </label>
        <Tooltip text={t('pipeline.backfillHint')}>
          <button className="btn narrow-icon" onClick={() => setDialog('backfill')} disabled={busy || pipeline.tasks.length === 0} data-testid="pl-backfill">
            <CalendarRange aria-hidden /> <span className="btn-label">{t('pipeline.backfill')}</span>
          </button>
        </Tooltip>
        <Tooltip text={t('pipeline.idempotencyHint')}>
          <button className="btn narrow-icon" onClick={() => setDialog('idempotency')} disabled={busy || pipeline.tasks.length === 0} data-testid="pl-idempotency">
            <Copy aria-hidden /> <span className="btn-label">{t('pipeline.idempotency')}</span>
          </button>
        </Tooltip>
        <div className="spacer" />
        <Menu.Root>
          <Menu.Trigger asChild>
            <button className="btn" data-testid="pl-add-task" disabled={running}>
              <Plus aria-hidden /> {t('pipeline.addTask')}
            </button>
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu-content" align="end" sideOffset={4}>
              <Menu.Item className="menu-item" onSelect={() => add('extract')} data-testid="pl-add-extract">
                <FileInput size={14} aria-hidden /> {t('pipeline.addExtract')}
              </Menu.Item>
              <Menu.Item className="menu-item" onSelect={() => add('sql')} data-testid="pl-add-sql">
                <FilePlus2 size={14} aria-hidden /> {t('pipeline.addSql')}
              </Menu.Item>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </div>
      <Group orientation="horizontal" id={`pl-columns-${mode}`} className="pl-body">
        <Panel id="pl-graph-panel" defaultSize="55" minSize="30">
          <section className="pl-graph" aria-label={t('pipeline.graph')}>
            {refusal ? (
              <div className="pl-refusal" role="alert" data-testid="pl-refusal">
                <p>{refusalText(t, refusal)}</p>
                <button className="btn ghost icon small" onClick={() => setRefusal(null)} aria-label={t('common.close')}>
                  <X aria-hidden />
                </button>
              </div>
            ) : null}
            {pipeline.tasks.length === 0 ? (
              <div className="pl-empty">
                <p>{t('pipeline.empty')}</p>
                <button className="btn primary" onClick={() => add('extract')}>
                  <FileInput aria-hidden /> {t('pipeline.addExtract')}
                </button>
              </div>
            ) : (
              <DagView
                nodes={nodes}
                edges={edges}
                label={t('pipeline.graph')}
                selected={selected}
                onSelect={selectOnGraph}
                onConnect={running ? undefined : connect}
                onEdgeRemove={running ? undefined : removeEdge}
                positions={pipeline.layout}
                onNodeMoved={moved}
                onLayoutReset={resetLayout}
                highlighted={highlighted}
                testId="pl-graph"
              />
            )}
            <div className="pl-graph-foot">
              <DagLegend states={STATES_SHOWN} />
              <span className="muted small">{t('pipeline.dragHint')}</span>
            </div>
            <RunProgress sessionKey={key} />
          </section>
        </Panel>
        <Separator className="resize-handle h" />
        <Panel id="pl-inspector-panel" minSize="30">
          <Tabs.Root className="pl-inspector" value={tab} onValueChange={(v) => setTab(v as InspectorTab)}>
            <Tabs.List className="tabs-list" aria-label={t('pipeline.inspector')}>
              <Tabs.Trigger className="tab" value="task" data-testid="pl-tab-task">
                {t('pipeline.tabs.task')}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="log" data-testid="pl-tab-log">
                {t('pipeline.tabs.log')}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="runs" data-testid="pl-tab-runs">
                {t('pipeline.tabs.runs')}
                {session.runs.length > 0 ? <span className="pl-count">{session.runs.length}</span> : null}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="reconcile" data-testid="pl-tab-reconcile">
                {t('pipeline.tabs.reconcile')}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="tables" data-testid="pl-tab-tables">
                {t('pipeline.tabs.tables')}
                {missingRecords.length > 0 ? (
                  <span className="pl-count warn" aria-label={t('pipeline.tables.missingCount', { count: missingRecords.length })}>
                    {missingRecords.length}
                  </span>
                ) : null}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="data" data-testid="pl-tab-data">
                {t('pipeline.tabs.data')}
              </Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content className="tab-content pl-tab" value="task">
              {selectedTask ? (
                <TaskPanel
                  key={selectedTask.id}
                  pipeline={pipeline}
                  task={selectedTask}
                  onChange={onChange}
                  onRenamed={(id) => select(id)}
                  onDeleted={() => select(null)}
                  sessionKey={key}
                  ds={ds}
                  disabled={running}
                />
              ) : (
                <div className="pl-placeholder">
                  <p>{t('pipeline.selectTask')}</p>
                </div>
              )}
            </Tabs.Content>
            <Tabs.Content className="tab-content pl-tab" value="log">
              <LogPanel session={session} task={selected} />
            </Tabs.Content>
            <Tabs.Content className="tab-content pl-tab" value="runs">
              <RunsPanel session={session} sessionKey={key} onShow={() => setTab('log')} />
            </Tabs.Content>
            <Tabs.Content className="tab-content pl-tab" value="reconcile">
              <ReconcilePanel session={session} pipeline={pipeline} sessionKey={key} ds={ds} onChange={onChange} disabled={running} />
            </Tabs.Content>
            <Tabs.Content className="tab-content pl-tab" value="tables">
              <TablesPanel pipeline={pipeline} onChange={onChange} missing={missingRecords} />
            </Tabs.Content>
            <Tabs.Content className="tab-content pl-tab" value="data">
              <DataPanel session={session} pipeline={pipeline} sessionKey={key} />
            </Tabs.Content>
          </Tabs.Root>
        </Panel>
      </Group>
      <BackfillDialog open={dialog === 'backfill'} onClose={() => setDialog(null)} pipeline={pipeline} sessionKey={key} ds={ds} />
      <IdempotencyDialog
        open={dialog === 'idempotency'}
        onClose={() => setDialog(null)}
        pipeline={pipeline}
        sessionKey={key}
        ds={ds}
        initialTask={selected}
        session={session}
      />
    </div>
  );
}

/** The first statement of a SQL task, shortened, as the node's second line. */
function sqlSummary(sql: string): string {
  const line = sql
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('--'));
  return line ? (line.length > 40 ? `${line.slice(0, 39)}…` : line) : 'SQL';
}
