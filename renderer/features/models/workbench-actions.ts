import type { ModelProjectFiles } from '../../../core/models/project.ts';
import type { BuildProgress, GraphNode, ModelsEngine } from './engine.ts';
import type { WorkbenchStore } from './workbench-store.ts';
import { nodeNameOf } from './project-files.ts';

/*
 * What the workbench's buttons and commands do: check, build, compile and preview through the
 * engine, each step recorded in the workbench's store by a named action. One controller per
 * mounted workbench; the free screen's commands reach the one on show through `activeWorkbench`.
 */

/** How many rows the Rows tab reads from a built model. */
export const PREVIEW_ROWS = 500;

/** A mounted workbench: its store, its engine and the project it shows right now. */
export interface WorkbenchController {
  store: WorkbenchStore;
  engine: ModelsEngine;
  project(): ModelProjectFiles;
  /** Checks the project now (the editor debounces calls to this as the learner types). */
  check(): Promise<void>;
  /** Builds everything, or `+name`. */
  build(select?: string): Promise<void>;
  cancel(): void;
  /** Compiles one node for the Compiled SQL tab. */
  compile(node: GraphNode): Promise<void>;
  /** Reads a built model's first rows for the Rows tab. */
  preview(name: string): Promise<void>;
  /** The model the open file defines, when it is a model. */
  openModel(): GraphNode | null;
}

/** The node a file defines (a model, seed or custom test), by the last check's graph. */
export function nodeOfPath(store: WorkbenchStore, path: string | null): GraphNode | null {
  if (!path) return null;
  const graph = store.getState().check?.graph;
  // A YAML file declares sources and tests but is none of them; a .sql or .csv file is its node.
  if (!/\.(sql|csv)$/i.test(path)) return null;
  const byPath = graph?.nodes.find((n) => n.path === path && n.kind !== 'source');
  if (byPath) return byPath;
  const name = nodeNameOf(path);
  return name ? (graph?.nodes.find((n) => n.name === name && n.kind !== 'test') ?? null) : null;
}

/** Runs at the next frame (on a timer in tests and in a hidden tab, where frames do not come). */
function nextFrame(run: () => void): () => void {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState !== 'hidden') {
    const id = requestAnimationFrame(run);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(run, 16);
  return () => clearTimeout(id);
}

/**
 * Build events gathered and applied at most once a frame: a project of many small nodes reports
 * faster than the screen can redraw, and one store change per event re-rendered the log each time.
 */
function progressBatcher(apply: (list: BuildProgress[]) => void): { push(p: BuildProgress): void; flush(): void } {
  let pending: BuildProgress[] = [];
  let cancelFrame: (() => void) | null = null;
  const flush = () => {
    cancelFrame?.();
    cancelFrame = null;
    if (pending.length === 0) return;
    const list = pending;
    pending = [];
    apply(list);
  };
  return {
    push(p) {
      pending.push(p);
      cancelFrame ??= nextFrame(flush);
    },
    flush,
  };
}

/** A controller for one workbench. */
export function createController(store: WorkbenchStore, engine: ModelsEngine, project: () => ModelProjectFiles): WorkbenchController {
  let checkSeq = 0;
  const controller: WorkbenchController = {
    store,
    engine,
    project,
    async check() {
      const seq = ++checkSeq;
      store.getState().checkStarted();
      try {
        const result = await engine.check(project());
        // A slower, older check never overwrites a newer one.
        if (seq === checkSeq) store.getState().checkFinished(result);
      } catch (e) {
        // Dropped with a cancelled build, or the worker restarted: the last check stays on show.
        if (seq === checkSeq) store.getState().checkFailed();
        void e;
      }
    },
    async build(select) {
      const s = store.getState();
      if (s.build?.running) return;
      s.buildStarted(select, project());
      const progress = progressBatcher((list) => store.getState().buildProgressedMany(list));
      try {
        const report = await engine.build(project(), {
          ...(select ? { select } : {}),
          onProgress: (p) => progress.push(p),
        });
        progress.flush();
        store.getState().buildFinished(report);
        // The check's graph may be older than the files built: refresh it with the results.
        void controller.check();
      } catch (e) {
        progress.flush();
        store.getState().buildFailed(e instanceof Error ? e.message : String(e));
      }
    },
    cancel() {
      if (store.getState().build?.running) engine.cancel();
    },
    async compile(node) {
      store.getState().compiledLoading(node.id, node.name);
      try {
        const r = await engine.compile(project(), node.id);
        store.getState().compiledLoaded(
          r.ok ? { nodeId: node.id, name: node.name, status: 'ok', sql: r.sql } : { nodeId: node.id, name: node.name, status: 'error', message: r.message },
        );
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        store.getState().compiledLoaded({ nodeId: node.id, name: node.name, status: 'error', message: { ko: message, en: message } });
      }
    },
    async preview(name) {
      store.getState().previewLoading(name);
      try {
        const result = await engine.preview(name, PREVIEW_ROWS);
        store.getState().previewLoaded({ name, status: 'ok', result });
      } catch (e) {
        store.getState().previewLoaded({ name, status: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    },
    openModel() {
      const node = nodeOfPath(store, store.getState().openPath);
      return node && (node.kind === 'model' || node.kind === 'seed') ? node : null;
    },
  };
  return controller;
}

let active: WorkbenchController | null = null;

/** Marks a workbench as the one commands act on (the last mounted); returns the undo for unmount. */
export function setActiveWorkbench(controller: WorkbenchController): () => void {
  active = controller;
  return () => {
    if (active === controller) active = null;
  };
}

/** The workbench commands act on, if one is on screen. */
export function activeWorkbench(): WorkbenchController | null {
  return active;
}
