import i18next from 'i18next';
import { readout, StatsInputError, welchFromSummary, type WelchResult } from '../../../core/stats/index.ts';
import { PeekingCancelledError, PeekingClient } from '../../workbench/peeking-client.ts';
import { ExperimentSqlError, runExperimentSql, type ExperimentDatabase } from './experiment-data.ts';
import {
  armsSql,
  breakdownSql,
  dailySql,
  EXPERIMENTS_SQL,
  exampleCustomSql,
  parseArms,
  parseBreakdown,
  parseCustomArms,
  parseDaily,
  parseExperiments,
  pickArms,
  type ArmRow,
  type DailyRow,
} from './experiment-queries.ts';
import { PEEKING_LOOKS, READOUT_ALPHA } from './constants.ts';
import { CUSTOM_SOURCE, useExperimentsStore, type ReadoutProblem } from './experiments-store.ts';

/**
 * What the Experiments screen's buttons and commands do: load the experiments, read one (queries
 * in the shared analytics worker, statistics from core/stats), run the learner's own per-arm query, open the
 * split's breakdown by platform and app version.
 */

export { READOUT_ALPHA, PEEKING_LOOKS };

const store = () => useExperimentsStore.getState();
/** Bumped by every readout request: an answer to an older one is dropped. */
let ticket = 0;

function sqlProblem(e: unknown): ReadoutProblem {
  if (e instanceof ExperimentSqlError) return { kind: 'sql', message: e.message, line: e.line };
  return { kind: 'load', message: e instanceof Error ? e.message : String(e) };
}

/** The absolute MDE typed on the readout (as a share: '1' point is 0.01), or undefined when empty or unreadable. */
export function readoutMde(text: string): number | undefined {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value > 0 && value < 100 ? value / 100 : undefined;
}

/** Welch's test of revenue per unit, when both arms have a mean and a variance that is not all zero. */
function revenueTest(control: ArmRow, treatment: ArmRow): WelchResult | null {
  if (control.revenueMean === null || treatment.revenueMean === null) return null;
  if (control.revenueVariance === null || treatment.revenueVariance === null) return null;
  if (control.revenueVariance + treatment.revenueVariance <= 0 || control.users < 2 || treatment.users < 2) return null;
  return welchFromSummary(
    { n: control.users, mean: control.revenueMean, variance: control.revenueVariance },
    { n: treatment.users, mean: treatment.revenueMean, variance: treatment.revenueVariance },
  );
}

function compute(source: string, arms: [ArmRow, ArmRow], planned: [number, number], daily: DailyRow[] | null, mine: number): void {
  if (mine !== ticket) return;
  const [control, treatment] = arms;
  try {
    const result = readout({
      control: { name: control.variant, users: control.users, conversions: control.conversions },
      treatment: { name: treatment.variant, users: treatment.users, conversions: treatment.conversions },
      plannedRatio: planned,
      alpha: READOUT_ALPHA,
      mde: readoutMde(store().mde),
    });
    store().readoutReady({ source, arms, planned, readout: result, welch: result.effect ? revenueTest(control, treatment) : null, daily });
  } catch (e) {
    if (e instanceof StatsInputError) store().readoutFailed({ kind: 'stats', code: e.code, message: e.message });
    else store().readoutFailed(sqlProblem(e));
  }
}

/** Loads the list of experiments from the warehouse and reads the first one. */
export async function loadExperiments(): Promise<void> {
  if (store().experiments) return;
  try {
    const result = await runExperimentSql('hanbit-warehouse', EXPERIMENTS_SQL);
    store().experimentsLoaded(parseExperiments(result.results[0]!));
    await readCurrent();
  } catch (e) {
    store().experimentsFailed(e instanceof Error ? e.message : String(e));
  }
}

/** Reads the chosen source: an experiment from the tables (at once) or the learner's query (when they run it). */
export async function readCurrent(): Promise<void> {
  const { source, experiments } = store();
  if (source === CUSTOM_SOURCE) return runCustom();
  const experiment = experiments?.find((x) => x.id === source);
  if (!experiment) return;
  const mine = ++ticket;
  store().startReadout();
  try {
    const result = await runExperimentSql('hanbit-warehouse', `${armsSql(experiment.id)};\n${dailySql(experiment.id)}`);
    if (mine !== ticket) return;
    const arms = pickArms(parseArms(result.results[0]!));
    if (!arms) {
      store().readoutFailed({ kind: 'custom', problem: { code: 'arm-count', rows: result.results[0]?.rowCount ?? 0 } });
      return;
    }
    compute(source, arms, [experiment.controlShare, experiment.treatmentShare], parseDaily(result.results[1]!), mine);
  } catch (e) {
    if (mine === ticket) store().readoutFailed(sqlProblem(e));
  }
}

/** Picks what to read and reads it (an experiment at once; the learner's query waits for Run). */
export function chooseSource(source: string): void {
  store().chooseSource(source);
  if (source === CUSTOM_SOURCE) {
    if (store().customSql === null) store().editCustom({ sql: exampleCustomSql(store().customDatabase, i18next.t('experiments.custom.exampleComment')) });
    // Nothing runs until the learner asks: a query of theirs may take a while.
    ticket++;
    return;
  }
  void readCurrent();
}

/** The learner's per-arm query while it runs: Cancel aborts it (and only it). */
let customRun: AbortController | null = null;

/** Runs the learner's per-arm query and reads its two rows. */
export async function runCustom(): Promise<void> {
  const { customSql, customDatabase, customShare } = store();
  const mine = ++ticket;
  const share = Number(customShare.replace(',', '.'));
  store().startReadout();
  customRun?.abort();
  const abort = new AbortController();
  customRun = abort;
  try {
    const result = await runExperimentSql(customDatabase, customSql ?? '', 100, abort.signal);
    if (mine !== ticket) return;
    const parsed = parseCustomArms(result.results.at(-1));
    if (!parsed.ok) {
      store().readoutFailed({ kind: 'custom', problem: parsed.problem });
      return;
    }
    compute(CUSTOM_SOURCE, parsed.arms, [share, 1 - share], null, mine);
  } catch (e) {
    if (mine === ticket) store().readoutFailed(sqlProblem(e));
  } finally {
    if (customRun === abort) customRun = null;
  }
}

/** Stops the learner's running query. */
export async function cancelCustom(): Promise<void> {
  ticket++;
  customRun?.abort();
  customRun = null;
  store().readoutFailed({ kind: 'sql', message: i18next.t('experiments.custom.cancelled'), line: 0 });
}

/** Re-reads the shown readout with a new MDE (no query: the counts are kept). */
export function changeMde(text: string): void {
  store().setMde(text);
  const { data } = store();
  if (data) compute(data.source, data.arms, data.planned, data.daily, ++ticket);
}

/** Opens the assignments split by platform and app version, for the experiment shown. */
export async function openBreakdown(): Promise<void> {
  const { source } = store();
  if (source === CUSTOM_SOURCE) return;
  store().openBreakdown(source);
  try {
    const result = await runExperimentSql('hanbit-warehouse', breakdownSql(source));
    store().breakdownLoaded(source, parseBreakdown(result.results[0]!));
  } catch (e) {
    store().breakdownFailed(source, e instanceof Error ? e.message : String(e));
  }
}


let peeking: PeekingClient | null = null;

/** Runs the seeded A/A simulation in the peeking worker, progress in the store (at most once a frame). */
export async function startPeeking(): Promise<void> {
  const { peeking: state } = store();
  if (state.status === 'running') return;
  peeking ??= new PeekingClient();
  store().peekingStarted(state.simulations);
  let pending: { done: number; total: number } | null = null;
  let frame: number | null = null;
  const flush = () => {
    frame = null;
    if (pending) store().peekingProgress(pending.done, pending.total);
    pending = null;
  };
  try {
    const result = await peeking.simulate({ simulations: state.simulations, looks: PEEKING_LOOKS, alpha: READOUT_ALPHA, seed: state.seed }, (p) => {
      pending = p;
      frame ??= requestAnimationFrame(flush);
    });
    if (frame !== null) cancelAnimationFrame(frame);
    store().peekingFinished(result);
  } catch (e) {
    if (frame !== null) cancelAnimationFrame(frame);
    if (e instanceof PeekingCancelledError) store().peekingStopped('cancelled');
    else store().peekingStopped('error', e instanceof Error ? e.message : String(e));
  }
}

/** Stops the running simulation. */
export function cancelPeeking(): void {
  peeking?.cancel();
}

/** Switches the database of the learner's query; an untouched example follows it to that database's table names. */
export function changeCustomDatabase(database: ExperimentDatabase): void {
  const { customSql, customDatabase } = store();
  const comment = i18next.t('experiments.custom.exampleComment');
  const untouched = customSql === null || customSql === exampleCustomSql(customDatabase, comment);
  store().editCustom(untouched ? { database, sql: exampleCustomSql(database, comment) } : { database });
}
