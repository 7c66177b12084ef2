import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore as useZustand } from 'zustand';
import * as Tabs from '@radix-ui/react-tabs';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { AlertCircle, CheckCircle2, LoaderCircle, Play, Square, Workflow } from 'lucide-react';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { shownKeys } from '../../commands/commands.ts';
import { useStore as useAppStore } from '../../state/store.ts';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import type { GraphNode, ModelProblem, ModelsEngine, NodeOutcome, ProjectGraph } from './engine.ts';
import { defaultEngine } from './models-engine.ts';
import { createWorkbenchStore, type ResultTab, type WorkbenchState, type WorkbenchStore } from './workbench-store.ts';
import { createController, nodeOfPath, setActiveWorkbench, type WorkbenchController } from './workbench-actions.ts';
import { deleteFile, isModelPath, newFileText, renameFile, writeFile, type NewFileKind } from './project-files.ts';
import { FileTree } from './FileTree.tsx';
import { FileDialogs, type FileDialogState } from './FileDialogs.tsx';
import { CompiledSqlView, ModelFileEditor, type RevealRequest } from './ModelFileEditor.tsx';
import { BuildLog } from './BuildLog.tsx';
import { TestsPanel } from './TestsPanel.tsx';
import { LineagePanel } from './LineagePanel.tsx';
import './models.css';

/** How long typing pauses before the project is checked again (problems marked in the editor). */
const CHECK_DELAY_MS = 350;

const EMPTY_PROBLEMS: readonly ModelProblem[] = [];

/** Props of the model workbench. */
export interface ModelWorkbenchProps {
  /** The project's files; the workbench never keeps its own copy. */
  project: ModelProjectFiles;
  /** Every edit, add, rename and delete hands the whole new project here. */
  onChange: (project: ModelProjectFiles) => void;
  /** `free` on the Models screen; `lesson` inside a lesson step (no commands of its own, compact). */
  mode: 'free' | 'lesson';
  /** The file open first (default: the first model). */
  initialPath?: string | null;
  /** Told when the learner opens another file (the free screen saves it). */
  onOpenPath?: (path: string | null) => void;
  /** The engine to build with (tests pass their own; default: the models worker). */
  engine?: ModelsEngine;
}

function firstModel(project: ModelProjectFiles): string | null {
  const paths = Object.keys(project.files).sort();
  return paths.find(isModelPath) ?? paths[0] ?? null;
}

/**
 * The model workbench (ELT, what dbt does, made visible): the project's files in a tree, each in
 * Monaco with its problems marked at their lines; Build all or +model with progress and cancel;
 * each model's compiled SQL and rows; data tests with their failing rows; the lineage graph.
 * Embeddable: the Models screen shows one over the learner's saved project, a lesson step one
 * over the step's answer.
 */
export function ModelWorkbench(props: ModelWorkbenchProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const engine = props.engine ?? defaultEngine();
  const projectRef = useRef(props.project);
  projectRef.current = props.project;
  const [store] = useState(() => {
    const path = props.initialPath && props.project.files[props.initialPath] !== undefined ? props.initialPath : firstModel(props.project);
    return createWorkbenchStore(path);
  });
  const controller = useMemo(() => createController(store, engine, () => projectRef.current), [store, engine]);
  // Each piece of state is read on its own: a build's progress (many events a second) re-renders
  // only the parts that show it (BuildLogPane, ToolbarProgress, TestsBadge), not the whole workbench.
  const actions = store.getState();
  const openPath = useZustand(store, (st) => st.openPath);
  const tab = useZustand(store, (st) => st.tab);
  const check = useZustand(store, (st) => st.check);
  const checking = useZustand(store, (st) => st.checking);
  const selectedTest = useZustand(store, (st) => st.selectedTest);
  const preview = useZustand(store, (st) => st.preview);
  const running = useZustand(store, (st) => !!st.build?.running);
  const finishedBuild = useZustand(store, (st) => (st.build && !st.build.running ? st.build : null));
  const [dialog, setDialog] = useState<FileDialogState>(null);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const scope = useMemo(() => `models-${Math.random().toString(36).slice(2, 8)}`, []);

  // Commands (free screen only: they are limited to it) act on the workbench on show.
  useEffect(() => setActiveWorkbench(controller), [controller]);

  // Check the project as the learner types: debounced, and at once on first show.
  const firstCheck = useRef(true);
  useEffect(() => {
    if (firstCheck.current) {
      firstCheck.current = false;
      void controller.check();
      return;
    }
    const id = setTimeout(() => void controller.check(), CHECK_DELAY_MS);
    return () => clearTimeout(id);
  }, [props.project, controller]);

  // A file that left the project (import, delete, start over) is not kept open.
  useEffect(() => {
    if (openPath && props.project.files[openPath] === undefined) store.getState().openFile(firstModel(props.project));
  }, [props.project, openPath, store]);

  const onOpenPath = props.onOpenPath;
  const open = useCallback(
    (path: string | null) => {
      store.getState().openFile(path);
      onOpenPath?.(path);
    },
    [store, onOpenPath],
  );

  const checked = check?.problems ?? EMPTY_PROBLEMS;
  // Errors the database found while building (a misspelt column), at their source line while
  // the file is as it was built; the check's own problems (a missing ref) are not repeated.
  const build = finishedBuild;
  const problems = useMemo(() => {
    if (!build) return checked;
    const seen = new Set(checked.map((p) => `${p.path}:${p.line}`));
    const fromBuild: ModelProblem[] = [];
    for (const id of build.order) {
      const o = build.outcomes[id];
      if (!o?.error || o.state !== 'error') continue;
      const { path, line, column, message } = o.error;
      if (props.project.files[path] !== build.from.files[path] || seen.has(`${path}:${line}`)) continue;
      seen.add(`${path}:${line}`);
      fromBuild.push({ path, line, column, severity: 'error', message: o.message ?? { en: message, ko: message } });
    }
    return fromBuild.length ? [...checked, ...fromBuild] : checked;
  }, [checked, build, props.project]);
  const problemCounts = useMemo(() => {
    const out: Record<string, number> = {};
    for (const p of problems) out[p.path] = (out[p.path] ?? 0) + 1;
    return out;
  }, [problems]);
  const fileProblems = useMemo(() => problems.filter((p) => p.path === openPath), [problems, openPath]);

  // nodeOfPath reads the check's graph: `check` above re-renders this when it changes.
  const openNode = nodeOfPath(store, openPath);
  const openModel = openNode && (openNode.kind === 'model' || openNode.kind === 'seed') ? openNode : null;

  // Compiled SQL of the open model (or the chosen test), fetched when the tab is on show.
  const compileTarget: GraphNode | null = tab === 'compiled' && openNode?.kind === 'model' ? openNode : null;
  useEffect(() => {
    if (!compileTarget) return;
    const id = setTimeout(() => void controller.compile(compileTarget), 200);
    return () => clearTimeout(id);
  }, [compileTarget?.id, props.project, controller]); // eslint-disable-line react-hooks/exhaustive-deps

  // Rows of the open model once built, read when the Rows tab is on show.
  const openModelId = openModel?.id;
  const builtOpen = useZustand(store, (st) => (openModelId ? !!st.built[openModelId] : false));
  useEffect(() => {
    if (tab !== 'rows' || !openModel || !builtOpen || running) return;
    if (preview?.name === openModel.name && preview.status !== 'error') return;
    void controller.preview(openModel.name);
  }, [tab, openModel?.name, builtOpen, running, preview, controller]); // eslint-disable-line react-hooks/exhaustive-deps

  // Stable callbacks, so the memoised file tree and build log rows are not re-rendered for them.
  const showNode = useCallback(
    (node: GraphNode | string) => {
      if (typeof node === 'string') return;
      if (node.kind === 'test') {
        store.getState().selectTest(node.id);
        store.getState().showTab('tests');
        return;
      }
      if (node.path) {
        open(node.path);
        if (node.line) setReveal({ path: node.path, line: node.line, seq: Date.now() });
      }
    },
    [store, open],
  );

  const goToProblem = useCallback(
    (p: ModelProblem) => {
      open(p.path);
      setReveal({ path: p.path, line: p.line, seq: Date.now() });
    },
    [open],
  );
  const onNewFile = useCallback((kind: NewFileKind) => setDialog({ kind: 'new', fileKind: kind }), []);
  const onRenameFile = useCallback((path: string) => setDialog({ kind: 'rename', path }), []);
  const onDeleteFile = useCallback((path: string) => setDialog({ kind: 'delete', path }), []);
  const onBuildPlus = useCallback((name: string) => void controller.build(`+${name}`), [controller]);
  const onChange = props.onChange;
  const onEdit = useCallback(
    (text: string) => {
      const path = store.getState().openPath;
      if (path) onChange(writeFile(projectRef.current, path, text));
    },
    [store, onChange],
  );

  const onNew = (kind: NewFileKind, path: string) => {
    const name = path.split('/').at(-1) ?? path;
    props.onChange(writeFile(props.project, path, newFileText(kind, name)));
    setDialog(null);
    open(path);
  };

  const currentText = openPath ? props.project.files[openPath] : undefined;
  const editorStatus = checking ? (
    <span className="muted">
      <LoaderCircle size={13} aria-hidden className="models-spin" /> {t('models.editor.checking')}
    </span>
  ) : fileProblems.length > 0 ? (
    <span className="models-bad" data-testid="file-problem-count">
      <AlertCircle size={13} aria-hidden /> {t('models.editor.problems', { count: fileProblems.length })}
    </span>
  ) : (
    <span className="models-good">
      <CheckCircle2 size={13} aria-hidden /> {t('models.editor.clean')}
    </span>
  );

  return (
    <div className={`models-wb mode-${props.mode}`} data-testid="model-workbench">
      <div className="models-actions" role="toolbar" aria-label={t('models.toolbar.label')}>
        {running ? (
          <Tooltip text={t('models.commands.cancel')} keys={props.mode === 'free' ? shownKeys('models-cancel') : undefined}>
            <button className="btn danger" onClick={() => controller.cancel()} data-testid="models-cancel">
              <Square aria-hidden /> {t('models.toolbar.cancel')}
            </button>
          </Tooltip>
        ) : (
          <Tooltip text={t('models.commands.buildAll')} keys={props.mode === 'free' ? shownKeys('models-build-all') : undefined}>
            <button className="btn primary" onClick={() => void controller.build()} data-testid="models-build-all">
              <Play aria-hidden /> {t('models.toolbar.buildAll')}
            </button>
          </Tooltip>
        )}
        <Tooltip text={openModel ? t('models.toolbar.buildPlusHint', { name: openModel.name }) : t('models.commands.buildSelected')}>
          <button
            className="btn"
            disabled={running || !openModel}
            onClick={() => openModel && void controller.build(`+${openModel.name}`)}
            data-testid="models-build-plus"
          >
            <Workflow aria-hidden /> <span className="btn-label">{t('models.toolbar.buildPlus', { name: openModel?.name ?? 'model' })}</span>
          </button>
        </Tooltip>
        {running ? <ToolbarProgress store={store} /> : null}
      </div>
      <div className="models-body">
        <Group orientation="horizontal" id={`models-columns-${props.mode}`}>
          <Panel id="models-files" defaultSize="20" minSize="160px" maxSize="40">
            <FileTree
              project={props.project}
              openPath={openPath}
              problemCounts={problemCounts}
              busy={running}
              onOpen={open}
              onNew={onNewFile}
              onRename={onRenameFile}
              onDelete={onDeleteFile}
              onBuildPlus={onBuildPlus}
            />
          </Panel>
          <Separator className="resize-handle h" />
          <Panel id="models-main" minSize="40">
            <Group orientation="vertical" id={`models-rows-${props.mode}`}>
              <Panel id="models-editor" defaultSize="50" minSize="15">
                <section className="models-editor panel" aria-label={openPath ? t('models.editor.label', { path: openPath }) : t('models.editor.noFile')} id={props.mode === 'free' ? 'main-editor' : undefined}>
                  <div className="models-pane-header">
                    <strong className="models-path" data-testid="models-open-path">
                      {openPath ?? ''}
                    </strong>
                    <span className="spacer" />
                    {openPath ? editorStatus : null}
                  </div>
                  <div className="models-editor-body">
                    {openPath && currentText !== undefined ? (
                      <ModelFileEditor
                        scope={scope}
                        path={openPath}
                        text={currentText}
                        onChange={onEdit}
                        problems={fileProblems}
                        reveal={reveal}
                      />
                    ) : (
                      <p className="empty-state">{t('models.editor.noFile')}</p>
                    )}
                  </div>
                  {fileProblems.length > 0 ? (
                    <ul className="models-file-problems" data-testid="file-problems">
                      {fileProblems.slice(0, 3).map((p, i) => (
                        <li key={i}>
                          <button className="link-btn" onClick={() => goToProblem(p)} data-testid="file-problem" data-line={p.line}>
                            <AlertCircle size={13} aria-hidden /> {t('models.problems.where', { path: p.path.split('/').at(-1), line: p.line })}
                          </button>{' '}
                          {p.message[lang]}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </section>
              </Panel>
              <Separator className="resize-handle v" />
              <Panel id="models-results" minSize="20">
                <Tabs.Root className="models-tabs panel" value={tab} onValueChange={(v) => actions.showTab(v as ResultTab)}>
                  <Tabs.List className="tabs-list" aria-label={t('models.tabs.label')}>
                    <Tabs.Trigger className="tab" value="build" data-testid="models-tab-build">
                      {t('models.tabs.build')}
                    </Tabs.Trigger>
                    <Tabs.Trigger className="tab" value="problems" data-testid="models-tab-problems">
                      {t('models.tabs.problems')}
                      {problems.length > 0 ? <span className="models-badge bad">{problems.length}</span> : null}
                    </Tabs.Trigger>
                    <Tabs.Trigger className="tab" value="compiled" data-testid="models-tab-compiled">
                      {t('models.tabs.compiled')}
                    </Tabs.Trigger>
                    <Tabs.Trigger className="tab" value="rows" data-testid="models-tab-rows">
                      {t('models.tabs.rows')}
                    </Tabs.Trigger>
                    <Tabs.Trigger className="tab" value="tests" data-testid="models-tab-tests">
                      {t('models.tabs.tests')}
                      <TestsBadge store={store} />
                    </Tabs.Trigger>
                    <Tabs.Trigger className="tab" value="lineage" data-testid="models-tab-lineage">
                      {t('models.tabs.lineage')}
                    </Tabs.Trigger>
                  </Tabs.List>
                  <Tabs.Content className="tab-content models-tab" value="build">
                    <div className="models-scroll">
                      <BuildLogPane store={store} graph={check?.graph} onShowNode={showNode} />
                    </div>
                  </Tabs.Content>
                  <Tabs.Content className="tab-content models-tab" value="problems">
                    <div className="models-scroll">
                      <ProblemsList problems={problems} onGo={goToProblem} />
                    </div>
                  </Tabs.Content>
                  <Tabs.Content className="tab-content models-tab" value="compiled">
                    <CompiledPane controller={controller} scope={scope} target={compileTarget} />
                  </Tabs.Content>
                  <Tabs.Content className="tab-content models-tab" value="rows">
                    <RowsPane model={openModel} built={builtOpen} preview={preview} />
                  </Tabs.Content>
                  <Tabs.Content className="tab-content models-tab" value="tests">
                    <TestsPane store={store} graph={check?.graph} selected={selectedTest} />
                  </Tabs.Content>
                  <Tabs.Content className="tab-content models-tab" value="lineage">
                    <LineagePane store={store} graph={check?.graph} selectedPath={openPath} onOpen={showNode} />
                  </Tabs.Content>
                </Tabs.Root>
              </Panel>
            </Group>
          </Panel>
        </Group>
      </div>
      <FileDialogs
        state={dialog}
        project={props.project}
        onClose={() => setDialog(null)}
        onCreate={onNew}
        onRename={(from, to) => {
          props.onChange(renameFile(props.project, from, to));
          setDialog(null);
          if (openPath === from) open(to);
        }}
        onDelete={(path) => {
          props.onChange(deleteFile(props.project, path));
          setDialog(null);
        }}
      />
    </div>
  );
}

const NO_OUTCOMES: Record<string, NodeOutcome> = {};
const NO_ORDER: string[] = [];

/** The toolbar's progress bar while a build runs. */
function ToolbarProgress({ store }: { store: WorkbenchStore }) {
  const { t } = useTranslation();
  const done = useZustand(store, (st) => st.build?.done ?? 0);
  const total = useZustand(store, (st) => st.build?.total ?? 0);
  return (
    <div className="models-progress inline" aria-live="polite">
      <progress max={total || 1} value={done} aria-label={t('models.build.progress')} />
      <span className="muted small">{t('models.build.running', { done, total: total || '…' })}</span>
    </div>
  );
}

/** The Tests tab's badge: failures, or ✓ once every test ran and passed (or warned); skipped tests earn no tick. */
function TestsBadge({ store }: { store: WorkbenchStore }) {
  const outcomes = useZustand(store, (st) => st.build?.outcomes ?? NO_OUTCOMES);
  const running = useZustand(store, (st) => !!st.build?.running);
  const testOutcomes = Object.values(outcomes).filter((o) => o.id.startsWith('test.'));
  const failures = testOutcomes.filter((o) => o.state === 'fail' || o.state === 'error').length;
  const good = !running && testOutcomes.length > 0 && testOutcomes.every((o) => o.state === 'pass' || o.state === 'warn');
  if (failures > 0) return <span className="models-badge bad">{failures}</span>;
  return good ? (
    <span className="models-badge good" aria-hidden>
      ✓
    </span>
  ) : null;
}

/** The build log, reading the build from the store itself. */
function BuildLogPane({ store, graph, onShowNode }: { store: WorkbenchStore; graph: ProjectGraph | undefined; onShowNode: (node: GraphNode | string) => void }) {
  const build = useZustand(store, (st) => st.build);
  return <BuildLog build={build} graph={graph} onShowNode={onShowNode} />;
}

function TestsPane({ store, graph, selected }: { store: WorkbenchStore; graph: ProjectGraph | undefined; selected: string | null }) {
  const outcomes = useZustand(store, (st) => st.build?.outcomes ?? NO_OUTCOMES);
  const order = useZustand(store, (st) => st.build?.order ?? NO_ORDER);
  return <TestsPanel graph={graph} outcomes={outcomes} order={order} selected={selected} onSelect={store.getState().selectTest} />;
}

function LineagePane(props: { store: WorkbenchStore; graph: ProjectGraph | undefined; selectedPath: string | null; onOpen: (node: GraphNode) => void }) {
  const outcomes = useZustand(props.store, (st) => st.build?.outcomes ?? NO_OUTCOMES);
  return <LineagePanel graph={props.graph} outcomes={outcomes} selectedPath={props.selectedPath} onOpen={props.onOpen} />;
}

function ProblemsList({ problems, onGo }: { problems: readonly ModelProblem[]; onGo: (p: ModelProblem) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  if (problems.length === 0)
    return (
      <p className="empty-state models-good" data-testid="problems-none">
        <CheckCircle2 size={16} aria-hidden /> {t('models.problems.none')}
      </p>
    );
  return (
    <ul className="models-problems" data-testid="problems-list">
      {problems.map((p, i) => (
        <li key={i} className={p.severity}>
          <button className="link-btn" onClick={() => onGo(p)} aria-label={t('models.problems.go', { path: p.path, line: p.line })} data-testid="problem-item">
            <AlertCircle size={14} aria-hidden /> {t('models.problems.where', { path: p.path, line: p.line })}
          </button>
          <span>{p.message[lang]}</span>
        </li>
      ))}
    </ul>
  );
}

function CompiledPane({ controller, scope, target }: { controller: WorkbenchController; scope: string; target: GraphNode | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const compiled = useZustand(controller.store, (s) => s.compiled);
  if (!target) return <p className="empty-state">{t('models.compiled.pick')}</p>;
  if (!compiled || compiled.nodeId !== target.id || compiled.status === 'loading') {
    return (
      <p className="empty-state muted">
        <LoaderCircle size={14} aria-hidden className="models-spin" /> {t('models.compiled.compiling', { name: target.name })}
      </p>
    );
  }
  if (compiled.status === 'error') {
    return (
      <p className="models-summary bad pad" role="alert" data-testid="compiled-error">
        <AlertCircle size={16} aria-hidden /> {t('models.compiled.failed', { name: compiled.name, message: compiled.message[lang] })}
      </p>
    );
  }
  return (
    <div className="models-compiled">
      <p className="muted small models-caption">{t('models.compiled.of', { name: compiled.name })}</p>
      <div className="models-compiled-editor">
        <CompiledSqlView scope={scope} name={compiled.name} sql={compiled.sql} />
      </div>
    </div>
  );
}

function RowsPane({ model, built, preview }: { model: GraphNode | null; built: boolean; preview: WorkbenchState['preview'] }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const onCopied = useCallback(() => notify('success', t('results.copied')), [notify, t]);
  if (!model) return <p className="empty-state">{t('models.rows.pick')}</p>;
  if (!built) return <p className="empty-state" data-testid="rows-not-built">{t('models.rows.notBuilt', { name: model.name })}</p>;
  if (!preview || preview.name !== model.name || preview.status === 'loading') {
    return (
      <p className="empty-state muted">
        <LoaderCircle size={14} aria-hidden className="models-spin" /> {t('models.rows.loading', { name: model.name })}
      </p>
    );
  }
  if (preview.status === 'error') return <p className="models-summary bad pad">{t('models.rows.failed', { name: model.name, message: preview.message })}</p>;
  const r = preview.result;
  return (
    <div className="models-rows">
      <p className="muted small models-caption" data-testid="rows-info">
        {t('models.rows.of', { name: model.name })} ·{' '}
        {r.rowCount > r.rows.length ? t('models.rows.shown', { shown: r.rows.length, total: r.rowCount }) : t('models.rows.all', { count: r.rowCount })}
      </p>
      {r.rows.length === 0 ? (
        <p className="empty-state">{t('models.rows.none', { name: model.name })}</p>
      ) : (
        <div className="models-grid-box" data-testid="model-rows">
          <ResultGrid columns={r.columns} rows={r.rows} onCopied={onCopied} />
        </div>
      )}
    </div>
  );
}
