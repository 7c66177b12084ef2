import { create } from 'zustand';
import type { PeekingResult, Readout, WelchResult } from '../../../core/stats/index.ts';
import type { ArmRow, BreakdownRow, CustomProblem, DailyRow, ExperimentInfo } from './experiment-queries.ts';
import type { ExperimentDatabase } from './experiment-data.ts';

/**
 * The Experiments screen's state: which experiment is read (or the learner's own query), its
 * readout, the sample-size inputs and the peeking simulation. Changed only by the named actions
 * below; experiments-actions.ts does the work (queries in the SQL worker, the simulation in its own).
 */

/** The screen's tabs. */
export type ExperimentsTab = 'readout' | 'sample' | 'peeking';

/** The source value of "your own query". */
export const CUSTOM_SOURCE = '__custom__';

/** Why a readout could not be shown: a SQL error, a result that is not per-arm counts, or an input the statistics refuse. */
export type ReadoutProblem =
  | { kind: 'sql'; message: string; line: number }
  | { kind: 'custom'; problem: CustomProblem }
  | { kind: 'stats'; code: string; message: string }
  | { kind: 'load'; message: string };

/** Everything one readout shows. */
export interface ReadoutData {
  /** The source it was computed for (an experiment id or CUSTOM_SOURCE). */
  source: string;
  arms: [ArmRow, ArmRow];
  planned: [number, number];
  readout: Readout;
  welch: WelchResult | null;
  /** Daily counts by assignment date (experiments from the tables only). */
  daily: DailyRow[] | null;
}

/** The sample-size calculator's inputs as typed (text, so a half-typed number is kept as it is). */
export interface SampleInputs {
  baseline: string;
  mde: string;
  mdeType: 'absolute' | 'relative';
  alpha: string;
  power: string;
  share: string;
  traffic: string;
}

/** The peeking simulation's state. */
export interface PeekingState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  done: number;
  total: number;
  result: PeekingResult | null;
  error: string | null;
  simulations: number;
  seed: number;
}

interface ExperimentsState {
  tab: ExperimentsTab;
  source: string;
  experiments: ExperimentInfo[] | null;
  listError: string | null;
  loading: boolean;
  problem: ReadoutProblem | null;
  data: ReadoutData | null;
  /** Smallest absolute lift worth shipping for, as typed ('' for none). */
  mde: string;
  customSql: string | null;
  customDatabase: ExperimentDatabase;
  customShare: string;
  breakdown: { source: string; rows: BreakdownRow[] | null; error: string | null } | null;
  sample: SampleInputs;
  peeking: PeekingState;

  showTab: (tab: ExperimentsTab) => void;
  experimentsLoaded: (list: ExperimentInfo[]) => void;
  experimentsFailed: (message: string) => void;
  chooseSource: (source: string) => void;
  startReadout: () => void;
  readoutReady: (data: ReadoutData) => void;
  readoutFailed: (problem: ReadoutProblem) => void;
  setMde: (mde: string) => void;
  editCustom: (patch: Partial<{ sql: string; database: ExperimentDatabase; share: string }>) => void;
  openBreakdown: (source: string) => void;
  breakdownLoaded: (source: string, rows: BreakdownRow[]) => void;
  breakdownFailed: (source: string, message: string) => void;
  closeBreakdown: () => void;
  editSample: (patch: Partial<SampleInputs>) => void;
  setPeekingOptions: (patch: Partial<Pick<PeekingState, 'simulations' | 'seed'>>) => void;
  peekingStarted: (total: number) => void;
  peekingProgress: (done: number, total: number) => void;
  peekingFinished: (result: PeekingResult) => void;
  peekingStopped: (status: 'cancelled' | 'error', error?: string) => void;
}

/** The default sample-size inputs: the worked example (baseline 10%, +2 points). */
export const DEFAULT_SAMPLE: SampleInputs = { baseline: '0.10', mde: '0.02', mdeType: 'absolute', alpha: '0.05', power: '0.8', share: '0.5', traffic: '1000' };

/** The Experiments screen's store. */
export const useExperimentsStore = create<ExperimentsState>()((set) => ({
  tab: 'readout',
  source: '',
  experiments: null,
  listError: null,
  loading: false,
  problem: null,
  data: null,
  mde: '',
  customSql: null,
  customDatabase: 'hanbit-warehouse',
  customShare: '0.5',
  breakdown: null,
  sample: DEFAULT_SAMPLE,
  peeking: { status: 'idle', done: 0, total: 0, result: null, error: null, simulations: 10000, seed: 20250501 },

  showTab: (tab) => set({ tab }),
  experimentsLoaded: (list) => set((s) => ({ experiments: list, listError: null, source: s.source || (list[0]?.id ?? CUSTOM_SOURCE) })),
  experimentsFailed: (message) => set({ listError: message }),
  chooseSource: (source) => set({ source, problem: null, breakdown: null, loading: false }),
  startReadout: () => set({ loading: true, problem: null }),
  readoutReady: (data) => set({ loading: false, problem: null, data }),
  readoutFailed: (problem) => set({ loading: false, problem, data: null }),
  setMde: (mde) => set({ mde }),
  editCustom: (patch) =>
    set((s) => ({
      customSql: patch.sql ?? s.customSql,
      customDatabase: patch.database ?? s.customDatabase,
      customShare: patch.share ?? s.customShare,
    })),
  openBreakdown: (source) => set({ breakdown: { source, rows: null, error: null } }),
  breakdownLoaded: (source, rows) => set((s) => (s.breakdown?.source === source ? { breakdown: { source, rows, error: null } } : {})),
  breakdownFailed: (source, message) => set((s) => (s.breakdown?.source === source ? { breakdown: { source, rows: null, error: message } } : {})),
  closeBreakdown: () => set({ breakdown: null }),
  editSample: (patch) => set((s) => ({ sample: { ...s.sample, ...patch } })),
  setPeekingOptions: (patch) => set((s) => ({ peeking: { ...s.peeking, ...patch } })),
  peekingStarted: (total) => set((s) => ({ peeking: { ...s.peeking, status: 'running', done: 0, total, error: null, result: null } })),
  peekingProgress: (done, total) => set((s) => (s.peeking.status === 'running' ? { peeking: { ...s.peeking, done, total } } : {})),
  peekingFinished: (result) => set((s) => ({ peeking: { ...s.peeking, status: 'done', result, done: s.peeking.total } })),
  peekingStopped: (status, error) => set((s) => ({ peeking: { ...s.peeking, status, error: error ?? null } })),
}));
