import { useRef } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Pipeline, TaskState } from '../../../core/pipeline/schema.ts';
import { pipelinesDoc, type PipelinesDoc } from '../../../core/pipeline/pipelines-doc.ts';
import { persistDoc } from '../../state/doc-bindings.ts';
import type { ExtractPreview, IdempotencyReport, ReconcileReport, RunEvent, RunRecord } from './engine.ts';
import { starterPipeline } from './starter.ts';

/** The Pipeline screen's saved state: the learner's pipelines and the one open. */
export interface PipelineDocState {
  doc: PipelinesDoc;
  /** Replaces (or adds) a pipeline under its id and makes it the open one. */
  savePipeline: (p: Pipeline, replacing?: string) => void;
  /** Opens another of the learner's pipelines. */
  openPipeline: (id: string) => void;
  /** Removes a pipeline (the starter comes back when none is left). */
  removePipeline: (id: string) => void;
}

/** The learner's pipelines, saved with their work; changed only by the named actions. */
export const usePipelineDocStore = create<PipelineDocState>((set) => ({
  doc: pipelinesDoc.defaults(),
  savePipeline: (p, replacing) =>
    set((s) => {
      const pipelines = { ...s.doc.pipelines };
      if (replacing && replacing !== p.id) delete pipelines[replacing];
      pipelines[p.id] = p;
      return { doc: { ...s.doc, pipelines, current: p.id } };
    }),
  openPipeline: (id) => set((s) => ({ doc: { ...s.doc, current: id } })),
  removePipeline: (id) =>
    set((s) => {
      const pipelines = { ...s.doc.pipelines };
      delete pipelines[id];
      return { doc: { ...s.doc, pipelines, current: Object.keys(pipelines)[0] ?? null } };
    }),
}));

// Saved as `pipelines` (declared in core/pipeline/pipelines-doc.ts); loaded and autosaved by persistence.ts.
persistDoc<'pipelines', PipelineDocState>(pipelinesDoc, { store: usePipelineDocStore, select: (s) => s.doc, apply: (doc) => ({ doc }) });

// One starter object per language for as long as the learner has not changed it, so its identity is stable.
const starters: Partial<Record<'ko' | 'en', Pipeline>> = {};

/** The pipeline on show: the open one, else the first, else the starter pipeline (in the UI language). */
export function currentPipeline(doc: PipelinesDoc, lang: string): Pipeline {
  const all = doc.pipelines;
  const l = lang === 'ko' ? 'ko' : 'en';
  return (doc.current ? all[doc.current] : undefined) ?? Object.values(all)[0] ?? (starters[l] ??= starterPipeline(l));
}

/** What the workbench is doing right now. */
export type Busy = null | 'run' | 'backfill' | 'preview' | 'idempotency' | 'reconcile' | 'query';

/** What a frame's worth of engine reports adds up to. */
export interface ProgressBatch {
  /** Task states that changed, the last one of each task. */
  states: Record<string, TaskState>;
  /** The latest share done, if any came. */
  progress?: { done: number; total: number; label?: string };
  /** What is being worked on, from the latest event (a task id, "extract 40%"). */
  label?: string;
}

/**
 * Gathers the engine's reports and hands them to `apply` at most once per animation frame:
 * an extract reports its bytes many times a second, and each store update re-renders the
 * workbench. `flush()` applies what is pending at once (before a run's answer lands).
 */
export function frameBatcher(apply: (batch: ProgressBatch) => void, schedule: (f: () => void) => () => void = nextFrame) {
  let pending: ProgressBatch | null = null;
  let cancel: (() => void) | null = null;
  const flush = (): void => {
    cancel?.();
    cancel = null;
    const batch = pending;
    pending = null;
    if (batch) apply(batch);
  };
  const take = (f: (b: ProgressBatch) => void): void => {
    pending ??= { states: {} };
    f(pending);
    cancel ??= schedule(flush);
  };
  return {
    event(e: RunEvent): void {
      take((b) => {
        if (e.type === 'task') {
          b.states[e.task] = e.state;
          b.label = e.task;
        } else b.label = `${e.task} ${Math.round((100 * e.progress.done) / Math.max(1, e.progress.total))}%`;
      });
    },
    progress(p: { done: number; total: number; label?: string }): void {
      take((b) => {
        b.progress = p;
      });
    },
    flush,
  };
}

function nextFrame(f: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(f);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(f, 16);
  return () => clearTimeout(id);
}

/** One pipeline's live state in this session: task states, runs, the work in progress. */
export interface PipelineSession {
  states: Record<string, TaskState>;
  /** Newest first. */
  runs: RunRecord[];
  /** The run whose logs are shown (newest when null). */
  shownRun: string | null;
  busy: Busy;
  /** Share done of the work in progress, and what it is on (a task, a file, a day). */
  progress: { done: number; total: number; label?: string } | null;
  preview: { task: string; result: ExtractPreview } | { task: string; error: string } | null;
  reconcile: ReconcileReport[] | null;
  idempotency: IdempotencyReport | null;
  /** Tables the runs wrote that have no owner-and-purpose record (the engine's count, after a run). */
  unrecorded: string[] | null;
  /** Whether a run has left a database to inspect. */
  hasDatabase: boolean;
  /** The logical date `{{ ds }}` chosen (null: the schedule's start). */
  ds: string | null;
  /** The task selected on the graph. */
  selected: string | null;
}

const EMPTY: PipelineSession = {
  states: {},
  runs: [],
  shownRun: null,
  busy: null,
  progress: null,
  preview: null,
  reconcile: null,
  idempotency: null,
  hasDatabase: false,
  unrecorded: null,
  ds: null,
  selected: null,
};

/** Live state of each pipeline by id (kept across screens for the session, never saved). */
export interface PipelineSessionState {
  sessions: Record<string, PipelineSession>;
  startWork: (id: string, busy: Exclude<Busy, null>) => void;
  reportProgress: (id: string, progress: { done: number; total: number; label?: string }) => void;
  /** A task changed state or an extract read more of its file, as it happened. */
  reportEvent: (id: string, event: RunEvent) => void;
  /** Everything reported during one animation frame, as one update (task states in order, the latest progress). */
  reportBatch: (id: string, batch: ProgressBatch) => void;
  finishRun: (id: string, run: RunRecord, states: Record<string, TaskState>, unrecorded: string[]) => void;
  finishWork: (id: string) => void;
  showPreview: (id: string, preview: PipelineSession['preview']) => void;
  showReconcile: (id: string, reports: ReconcileReport[] | null) => void;
  showIdempotency: (id: string, result: IdempotencyReport | null) => void;
  showRun: (id: string, runId: string | null) => void;
  /** States back to pending for the tasks about to run (a re-run from a task keeps the others). */
  markPending: (id: string, tasks: string[]) => void;
  setDs: (id: string, ds: string) => void;
  select: (id: string, task: string | null) => void;
}

/** The session store, changed only by its named actions. */
export const usePipelineSessionStore = create<PipelineSessionState>((set) => {
  const patch = (id: string, f: (s: PipelineSession) => Partial<PipelineSession>) =>
    set((all) => {
      const now = all.sessions[id] ?? EMPTY;
      return { sessions: { ...all.sessions, [id]: { ...now, ...f(now) } } };
    });
  return {
    sessions: {},
    startWork: (id, busy) => patch(id, () => ({ busy, progress: null })),
    reportProgress: (id, progress) => patch(id, (s) => ({ progress: { ...progress, label: progress.label ?? s.progress?.label } })),
    reportEvent: (id, event) =>
      patch(id, (s) =>
        event.type === 'task'
          ? { states: { ...s.states, [event.task]: event.state }, progress: { done: s.progress?.done ?? 0, total: s.progress?.total ?? 0, label: event.task } }
          : { progress: { done: s.progress?.done ?? 0, total: s.progress?.total ?? 0, label: `${event.task} ${Math.round((100 * event.progress.done) / Math.max(1, event.progress.total))}%` } },
      ),
    reportBatch: (id, batch) =>
      patch(id, (s) => {
        const base = s.progress ?? { done: 0, total: 0 };
        const progress = batch.progress ? { done: batch.progress.done, total: batch.progress.total, label: batch.label ?? batch.progress.label ?? s.progress?.label } : { ...base, label: batch.label ?? base.label };
        return Object.keys(batch.states).length > 0 ? { states: { ...s.states, ...batch.states }, progress } : { progress };
      }),
    finishRun: (id, run, states, unrecorded) =>
      patch(id, (s) => ({
        runs: [run, ...s.runs.filter((r) => r.id !== run.id)].slice(0, 100),
        shownRun: null,
        states: { ...s.states, ...states },
        unrecorded,
        hasDatabase: true,
      })),
    finishWork: (id) => patch(id, () => ({ busy: null, progress: null })),
    showPreview: (id, preview) => patch(id, () => ({ preview })),
    showReconcile: (id, reconcile) => patch(id, () => ({ reconcile })),
    showIdempotency: (id, idempotency) => patch(id, () => ({ idempotency })),
    showRun: (id, shownRun) => patch(id, () => ({ shownRun })),
    setDs: (id, ds) => patch(id, () => ({ ds })),
    select: (id, selected) => patch(id, () => ({ selected })),
    markPending: (id, tasks) => patch(id, (s) => ({ states: { ...s.states, ...Object.fromEntries(tasks.map((t) => [t, 'pending' as const])) } })),
  };
});

/**
 * The day a lesson's pipeline runs for when neither the step nor the pipeline names one: the
 * last day of the course data (as the pipeline grader's DEFAULT_DS), never the calendar's today,
 * which has no partition in the lake.
 */
export const LESSON_FALLBACK_DS = '2025-12-31';

/** Where a session's logical date comes from besides the learner's choice. */
export interface DsDefaults {
  /** The day the embedder asks for (a lesson step's ds). */
  defaultDs?: string | null | undefined;
  /** 'lesson' never falls back to today. */
  mode?: 'free' | 'lesson';
}

/**
 * The logical date of a session: the one the learner chose, else the embedder's default, else the
 * schedule's start, else (lesson) the last day of the data or (free) today.
 */
export function sessionDs(p: Pipeline, s: Pick<PipelineSession, 'ds'> | undefined, defaults: DsDefaults = {}): string {
  return s?.ds ?? defaults.defaultDs ?? p.schedule?.start ?? (defaults.mode === 'lesson' ? LESSON_FALLBACK_DS : new Date().toISOString().slice(0, 10));
}

/** A session as most of the workbench reads it: everything but the progress of the work under way. */
export type PipelineSessionView = Omit<PipelineSession, 'progress'>;

function sameButProgress(a: PipelineSession, b: PipelineSession): boolean {
  for (const k of Object.keys(b) as (keyof PipelineSession)[]) if (k !== 'progress' && a[k] !== b[k]) return false;
  return true;
}

/**
 * One pipeline's session (an empty one before anything ran), without its progress: a progress
 * report alone does not re-render the components that read it (only RunProgress, through
 * usePipelineProgress, follows it).
 */
export function usePipelineSession(id: string): PipelineSessionView {
  const last = useRef<PipelineSession>(EMPTY);
  return usePipelineSessionStore((s) => {
    const now = s.sessions[id] ?? EMPTY;
    if (now !== last.current && !sameButProgress(last.current, now)) last.current = now;
    return last.current;
  });
}

/** The work in progress of a session and its share done (for the progress bar). */
export function usePipelineProgress(id: string): Pick<PipelineSession, 'busy' | 'progress'> {
  return usePipelineSessionStore(useShallow((s) => ({ busy: s.sessions[id]?.busy ?? null, progress: s.sessions[id]?.progress ?? null })));
}
