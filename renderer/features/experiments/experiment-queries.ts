import type { Cell, ResultSet } from '../../../core/sql/protocol.ts';

/**
 * The SQL the Experiments screen runs on the warehouse (exp_experiments, exp_assignments,
 * exp_outcomes), and the reading of its rows. The queries run in the SQL worker; this file only
 * writes their text and turns result rows into typed values.
 */

/** One experiment as exp_experiments describes it. */
export interface ExperimentInfo {
  id: string;
  name: string;
  nameEn: string;
  hypothesis: string;
  unit: string;
  metric: string;
  start: string;
  end: string;
  controlShare: number;
  treatmentShare: number;
}

/** One arm's counts as a query returned them, with revenue per unit when known. */
export interface ArmRow {
  variant: string;
  users: number;
  conversions: number;
  /** Mean revenue per unit (null when the query gave none). */
  revenueMean: number | null;
  /** Sample variance of revenue per unit (null when unknown). */
  revenueVariance: number | null;
}

/** Assignments and conversions of one arm on one day (by assigned_at). */
export interface DailyRow {
  day: string;
  variant: string;
  users: number;
  conversions: number;
}

/** Assignments per arm for one platform and app version. */
export interface BreakdownRow {
  platform: string;
  appVersion: string | null;
  control: number;
  treatment: number;
}

/** A SQL string literal (the experiment ids come from the database, but are quoted all the same). */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The experiments in the warehouse, oldest first. */
export const EXPERIMENTS_SQL = `SELECT experiment_id, name, name_en, hypothesis, unit, metric, start_date, end_date, control_share, treatment_share
FROM exp_experiments
ORDER BY start_date, experiment_id`;

/** Units each unit's outcome (a unit without an outcome row counts as not converted, revenue 0). */
function unitsCte(experimentId: string): string {
  return `units AS (
  SELECT a.variant, a.assigned_at, COALESCE(o.converted, 0) AS converted, COALESCE(o.revenue, 0) AS revenue
  FROM exp_assignments a
  LEFT JOIN exp_outcomes o ON o.experiment_id = a.experiment_id AND o.unit_id = a.unit_id
  WHERE a.experiment_id = ${sqlText(experimentId)}
)`;
}

/** Per arm: units, conversions, mean revenue per unit and its sample variance (two passes, for accuracy). */
export function armsSql(experimentId: string): string {
  return `WITH ${unitsCte(experimentId)},
arms AS (
  SELECT variant, COUNT(*) AS users, SUM(converted) AS conversions, AVG(revenue) AS revenue_mean
  FROM units GROUP BY variant
)
SELECT arms.variant, arms.users, arms.conversions, arms.revenue_mean,
  CASE WHEN arms.users > 1
    THEN SUM((units.revenue - arms.revenue_mean) * (units.revenue - arms.revenue_mean)) / (arms.users - 1)
  END AS revenue_var
FROM arms JOIN units ON units.variant = arms.variant
GROUP BY arms.variant
ORDER BY arms.variant`;
}

/** Per day of assignment and arm: units and conversions (the cumulative chart adds them up). */
export function dailySql(experimentId: string): string {
  return `WITH ${unitsCte(experimentId)}
SELECT substr(assigned_at, 1, 10) AS day, variant, COUNT(*) AS users, SUM(converted) AS conversions
FROM units
GROUP BY day, variant
ORDER BY day, variant`;
}

/** Assignments per platform and app version and arm: where a broken split usually hides. */
export function breakdownSql(experimentId: string, table = 'exp_assignments'): string {
  return `SELECT platform, app_version,
  SUM(variant = 'control') AS control,
  SUM(variant = 'treatment') AS treatment
FROM ${table}
WHERE experiment_id = ${sqlText(experimentId)}
GROUP BY platform, app_version
ORDER BY platform, app_version`;
}

/** The starting text of "your own query" on a database: one row per arm, from its experiment tables. */
export function exampleCustomSql(database: 'hanbit-warehouse' | 'hanbit-experiments', comment: string): string {
  const [a, o] = database === 'hanbit-warehouse' ? ['exp_assignments', 'exp_outcomes'] : ['assignments', 'outcomes'];
  return `-- ${comment}
SELECT a.variant,
       COUNT(*) AS users,
       SUM(o.converted) AS conversions,
       SUM(o.revenue) AS revenue
FROM ${a} a
JOIN ${o} o
  ON o.experiment_id = a.experiment_id AND o.unit_id = a.unit_id
WHERE a.experiment_id = 'checkout-button-2025'
GROUP BY a.variant
ORDER BY a.variant;
`;
}

function num(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string' && cell.trim() !== '' && Number.isFinite(Number(cell))) return Number(cell);
  return null;
}

function text(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? '' : typeof cell === 'string' ? cell : String(cell);
}

/** Index of each named column (case-insensitive), -1 when absent. */
function columnIndex(result: ResultSet, name: string): number {
  return result.columns.findIndex((c) => c.name.toLowerCase() === name);
}

/** The experiments from EXPERIMENTS_SQL's rows. */
export function parseExperiments(result: ResultSet): ExperimentInfo[] {
  return result.rows.map((r) => ({
    id: text(r[0]),
    name: text(r[1]),
    nameEn: text(r[2]),
    hypothesis: text(r[3]),
    unit: text(r[4]),
    metric: text(r[5]),
    start: text(r[6]),
    end: text(r[7]),
    controlShare: num(r[8]) ?? 0.5,
    treatmentShare: num(r[9]) ?? 0.5,
  }));
}

/** The arms from armsSql's rows. */
export function parseArms(result: ResultSet): ArmRow[] {
  return result.rows.map((r) => ({
    variant: text(r[0]),
    users: num(r[1]) ?? 0,
    conversions: num(r[2]) ?? 0,
    revenueMean: num(r[3]),
    revenueVariance: num(r[4]),
  }));
}

/** The daily rows from dailySql's rows. */
export function parseDaily(result: ResultSet): DailyRow[] {
  return result.rows.map((r) => ({ day: text(r[0]), variant: text(r[1]), users: num(r[2]) ?? 0, conversions: num(r[3]) ?? 0 }));
}

/** The breakdown from breakdownSql's rows. */
export function parseBreakdown(result: ResultSet): BreakdownRow[] {
  return result.rows.map((r) => ({
    platform: text(r[0]),
    appVersion: r[1] === null ? null : text(r[1]),
    control: num(r[2]) ?? 0,
    treatment: num(r[3]) ?? 0,
  }));
}

/** Why a learner's query cannot be read as per-arm counts: a code the UI words, with its details. */
export type CustomProblem =
  | { code: 'no-result' }
  | { code: 'missing-column'; column: string }
  | { code: 'arm-count'; rows: number }
  | { code: 'bad-number'; column: string; variant: string }
  | { code: 'too-many-conversions'; variant: string };

const REQUIRED = ['variant', 'users', 'conversions'] as const;

/**
 * Reads a learner's query result as two arms: columns variant, users, conversions (required), and
 * revenue (the arm's total) with revenue_var (the variance of revenue per unit) when both are
 * there. Which row is the control: one named control (or A), else the first.
 */
export function parseCustomArms(result: ResultSet | undefined): { ok: true; arms: [ArmRow, ArmRow] } | { ok: false; problem: CustomProblem } {
  if (!result || result.columns.length === 0) return { ok: false, problem: { code: 'no-result' } };
  for (const column of REQUIRED) if (columnIndex(result, column) < 0) return { ok: false, problem: { code: 'missing-column', column } };
  if (result.rows.length !== 2) return { ok: false, problem: { code: 'arm-count', rows: result.rowCount } };
  const [iv, iu, ic, ir, iw] = ['variant', 'users', 'conversions', 'revenue', 'revenue_var'].map((c) => columnIndex(result, c)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const arms: ArmRow[] = [];
  for (const row of result.rows) {
    const variant = text(row[iv]);
    const users = num(row[iu]);
    const conversions = num(row[ic]) ?? (row[ic] === null ? 0 : null);
    if (users === null || !Number.isInteger(users) || users <= 0) return { ok: false, problem: { code: 'bad-number', column: 'users', variant } };
    if (conversions === null || !Number.isInteger(conversions) || conversions < 0)
      return { ok: false, problem: { code: 'bad-number', column: 'conversions', variant } };
    if (conversions > users) return { ok: false, problem: { code: 'too-many-conversions', variant } };
    const revenue = ir >= 0 ? num(row[ir]) : null;
    const variance = iw >= 0 ? num(row[iw]) : null;
    arms.push({ variant, users, conversions, revenueMean: revenue === null ? null : revenue / users, revenueVariance: variance });
  }
  const controlAt = arms.findIndex((a) => /^(control|ctrl|a)$/i.test(a.variant.trim()));
  const [control, treatment] = controlAt === 1 ? [arms[1]!, arms[0]!] : [arms[0]!, arms[1]!];
  return { ok: true, arms: [control, treatment] };
}

/** The control and treatment arms of an experiment's rows: named control/treatment, else in order. */
export function pickArms(rows: ArmRow[]): [ArmRow, ArmRow] | null {
  if (rows.length !== 2) return null;
  const control = rows.find((r) => r.variant === 'control') ?? rows[0]!;
  const treatment = rows.find((r) => r !== control)!;
  return [control, treatment];
}
