import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import type { BuildReport, BuildProgress, NodeOutcome, ProjectCheck, RowsResult } from './engine.ts';

/*
 * One model workbench's own state (the free screen has one, each lesson step its own): the open
 * file, the last check of the project, the running or last build and what the result tabs show.
 * The project files themselves are not here: they belong to whoever embeds the workbench
 * (`project` and `onChange`), so a lesson and the free screen keep them where they persist them.
 */

/** The result tabs under the editor. */
export type ResultTab = 'build' | 'problems' | 'compiled' | 'rows' | 'tests' | 'lineage';

/** A build as the progress view shows it. */
export interface BuildView {
  running: boolean;
  /** `+name` for a model with its parents; absent for Build all. */
  select?: string;
  done: number;
  total: number;
  /** Node ids in the order they reported. */
  order: string[];
  outcomes: Record<string, NodeOutcome>;
  /** Set once the build ended. */
  report: BuildReport | null;
  /** The build could not start (the worker failed): its message. */
  error?: string;
  /** The files as they were built: an error's line is shown only while its file is unchanged. */
  from: ModelProjectFiles;
}

/** What the Compiled SQL tab shows. */
export type CompiledView =
  | { nodeId: string; name: string; status: 'loading' }
  | { nodeId: string; name: string; status: 'ok'; sql: string }
  | { nodeId: string; name: string; status: 'error'; message: { ko: string; en: string } };

/** What the Rows tab shows. */
export type PreviewView =
  | { name: string; status: 'loading' }
  | { name: string; status: 'ok'; result: RowsResult }
  | { name: string; status: 'error'; message: string };

/** The state of one workbench. */
export interface WorkbenchState {
  openPath: string | null;
  tab: ResultTab;
  check: ProjectCheck | null;
  checking: boolean;
  build: BuildView | null;
  /** The test whose failing rows and SQL are shown in the Tests tab. */
  selectedTest: string | null;
  compiled: CompiledView | null;
  preview: PreviewView | null;
  /** Models and seeds built successfully since the project was loaded (their rows can be read). */
  built: Record<string, true>;
}

/** The named changes to a workbench's state. */
export interface WorkbenchActions {
  openFile(path: string | null): void;
  showTab(tab: ResultTab): void;
  checkStarted(): void;
  checkFinished(check: ProjectCheck): void;
  /** The check did not answer (cancelled with a build, or the worker restarted): the last one stays. */
  checkFailed(): void;
  buildStarted(select: string | undefined, from: ModelProjectFiles): void;
  buildProgressed(progress: BuildProgress): void;
  /** Several progress events at once (the controller applies a frame's worth together). */
  buildProgressedMany(progress: readonly BuildProgress[]): void;
  buildFinished(report: BuildReport): void;
  buildFailed(message: string): void;
  selectTest(id: string | null): void;
  compiledLoading(nodeId: string, name: string): void;
  compiledLoaded(view: CompiledView): void;
  previewLoading(name: string): void;
  previewLoaded(view: PreviewView): void;
  /** The project was replaced (import, start over): everything built or checked is forgotten. */
  projectReplaced(openPath: string | null): void;
}

/** A workbench's store: its state and the actions that change it. */
export type WorkbenchStore = StoreApi<WorkbenchState & WorkbenchActions>;

const fresh = (openPath: string | null): WorkbenchState => ({
  openPath,
  tab: 'build',
  check: null,
  checking: false,
  build: null,
  selectedTest: null,
  compiled: null,
  preview: null,
  built: {},
});

/** A new workbench store, opening `openPath` first. */
export function createWorkbenchStore(openPath: string | null): WorkbenchStore {
  return createStore<WorkbenchState & WorkbenchActions>()((set, get) => ({
    ...fresh(openPath),
    openFile: (path) => set({ openPath: path }),
    showTab: (tab) => set({ tab }),
    checkStarted: () => set({ checking: true }),
    checkFinished: (check) => set({ check, checking: false }),
    checkFailed: () => set({ checking: false }),
    buildStarted: (select, from) =>
      set((s) => ({
        tab: 'build',
        build: { running: true, ...(select ? { select } : {}), done: 0, total: 0, order: [], outcomes: {}, report: null, from },
        // A rebuilt node's rows change: the Rows tab reads them again when shown.
        preview: null,
        built: s.built,
      })),
    buildProgressed: (progress) => get().buildProgressedMany([progress]),
    buildProgressedMany: (list) =>
      set((s) => {
        if (!s.build || list.length === 0) return {};
        // One new state for the whole batch: unchanged outcome objects keep their identity, so
        // memoised rows re-render only for the nodes that moved.
        const order = [...s.build.order];
        const known = new Set(order);
        const outcomes = { ...s.build.outcomes };
        let built = s.built;
        for (const { outcome } of list) {
          if (!known.has(outcome.id)) {
            known.add(outcome.id);
            order.push(outcome.id);
          }
          outcomes[outcome.id] = outcome;
          if (outcome.state === 'success' && !built[outcome.id]) built = { ...built, [outcome.id]: true as const };
        }
        const last = list[list.length - 1]!;
        return { build: { ...s.build, done: last.done, total: last.total, order, outcomes }, built };
      }),
    buildFinished: (report) =>
      set((s) => {
        const outcomes = { ...(s.build?.outcomes ?? {}) };
        const order = [...(s.build?.order ?? [])];
        const built = report.discarded ? {} : { ...s.built };
        for (const o of report.outcomes) {
          outcomes[o.id] = o;
          if (!order.includes(o.id)) order.push(o.id);
          if (o.state === 'success' && !report.discarded) built[o.id] = true;
        }
        const failedTest = report.outcomes.find((o) => o.state === 'fail' || o.state === 'warn');
        return {
          build: { ...(s.build ?? { done: 0, total: 0, from: { files: {} } }), running: false, order, outcomes, report, done: s.build?.total ?? order.length },
          built,
          // A failing test is what the learner needs next: point the Tests tab at it.
          selectedTest: failedTest?.id ?? s.selectedTest,
          tab: report.blocked ? 'problems' : s.tab,
        };
      }),
    buildFailed: (message) =>
      set((s) => ({ build: { ...(s.build ?? { done: 0, total: 0, order: [], outcomes: {}, from: { files: {} } }), running: false, report: null, error: message } })),
    selectTest: (selectedTest) => set({ selectedTest }),
    compiledLoading: (nodeId, name) => set({ compiled: { nodeId, name, status: 'loading' } }),
    compiledLoaded: (compiled) => set((s) => (s.compiled?.nodeId === compiled.nodeId ? { compiled } : {})),
    previewLoading: (name) => set({ preview: { name, status: 'loading' } }),
    previewLoaded: (preview) => set((s) => (s.preview?.name === preview.name ? { preview } : {})),
    projectReplaced: (path) => set(fresh(path)),
  }));
}
