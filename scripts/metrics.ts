/**
 * The KPI registry headless (instructors, tests, the benchmark): the same core as the app's
 * registry and dashboards (core/metrics on sql.js), on the bundled warehouse.
 *
 *   npm run metrics -- list [--type kpi|metric] [--owner <team>] [--search <words>]
 *   npm run metrics -- series <id> [--grain day|week|month] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--variant]
 *   npm run metrics -- audit <id> [--grain day|week|month]
 *   npm run metrics -- dashboard [--grain …] [--from …] [--to …] [--variant]
 *     (the starter dashboard's batch timed: first run, after a change of range, after a change of grain)
 *
 * Prints one JSON document. `series` and `dashboard` default to the starter dashboard's range and
 * grain (2025, weekly); `--variant` runs on the hidden variant of the warehouse. Exit codes: 0 done,
 * 1 a series failed (its error is in the JSON), 2 bad input (unknown metric, grain or date; message on stderr).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditMetric, type TableColumns } from '../core/metrics/audit.ts';
import { HANBIT_METRICS, hanbitMetric, ownerLabel } from '../core/metrics/hanbit-metrics.ts';
import { lastChange, nameConflicts, searchMetrics, type MetricFilters } from '../core/metrics/registry.ts';
import { DateRangeSchema, GrainSchema, type DateRange, type Grain, type Metric } from '../core/metrics/schema.ts';
import { SeriesRunner } from '../core/metrics/series.ts';
import { dashboardRequests, starterDashboard } from '../core/metrics/starter-dashboard.ts';
import { openReadOnly } from '../core/metrics/worker-dispatch.ts';
import type { SqlEngine } from '../core/sql/engine.ts';
import { loadDatasets, loadSqlJs } from './lib/datasets.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bad input: the message goes to stderr and the exit code is 2. */
class UsageError extends Error {}

const USAGE = `usage:
  npm run metrics -- list [--type kpi|metric] [--owner <team>] [--search <words>]
  npm run metrics -- series <id> [--grain day|week|month] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--variant]
  npm run metrics -- audit <id> [--grain day|week|month]
  npm run metrics -- dashboard [--grain day|week|month] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--variant]`;

interface Flags {
  positional: string[];
  options: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['type', 'owner', 'search', 'grain', 'from', 'to']);
const BOOLEAN_FLAGS = new Set(['variant']);

function parseFlags(args: string[]): Flags {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name = '', inline] = a.slice(2).split(/=(.*)/s, 2);
    if (BOOLEAN_FLAGS.has(name)) options.set(name, true);
    else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { positional, options };
}

function option(flags: Flags, name: string): string | undefined {
  const v = flags.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

function metricArg(flags: Flags): Metric {
  const id = flags.positional[1];
  if (!id) throw new UsageError('name a metric: npm run metrics -- list shows their ids');
  const metric = hanbitMetric(id);
  if (!metric) throw new UsageError(`no metric '${id}'; known: ${HANBIT_METRICS.map((m) => m.id).join(', ')}`);
  return metric;
}

function grainArg(flags: Flags, fallback: Grain): Grain {
  const raw = option(flags, 'grain');
  if (raw === undefined) return fallback;
  const parsed = GrainSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--grain must be day, week or month, not '${raw}'`);
  return parsed.data;
}

function rangeArg(flags: Flags, fallback: DateRange): DateRange {
  const range = { from: option(flags, 'from') ?? fallback.from, to: option(flags, 'to') ?? fallback.to };
  for (const [k, v] of Object.entries(range)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
      throw new UsageError(`--${k} must be a date like 2025-01-31, not '${v}'`);
  }
  if (!DateRangeSchema.safeParse(range).success) throw new UsageError(`--from ${range.from} is after --to ${range.to}`);
  return range;
}

async function openWarehouse(variant: boolean, database = 'hanbit-warehouse'): Promise<SqlEngine> {
  const datasets = await loadDatasets(ROOT);
  const bytes = datasets.provider.bytes(database, variant ? 'variant' : 'visible');
  if (!bytes) throw new Error(`the ${variant ? 'hidden variant of the ' : ''}database '${database}' is not built: run npm run datasets`);
  return openReadOnly(await loadSqlJs(), bytes).engine;
}

function schemaOf(engine: SqlEngine): TableColumns {
  return Object.fromEntries(engine.schema().map((o) => [o.name, o.columns.map((c) => c.name)]));
}

function describe(metric: Metric): object {
  return {
    id: metric.id,
    type: metric.type,
    name: metric.name,
    owner: { id: metric.owner, ko: ownerLabel(metric.owner, 'ko'), en: ownerLabel(metric.owner, 'en') },
    unit: metric.unit,
    higherIsBetter: metric.higherIsBetter,
    definition: metric.definition,
    decision: metric.decision,
    lastChange: lastChange(metric),
  };
}

type Result = { output: object; code: number };

const COMMANDS: Record<string, (flags: Flags) => Promise<Result>> = {
  async list(flags) {
    const type = option(flags, 'type');
    if (type !== undefined && type !== 'kpi' && type !== 'metric') throw new UsageError(`--type must be kpi or metric, not '${type}'`);
    const owner = option(flags, 'owner');
    const filters: MetricFilters = { ...(type !== undefined ? { type } : {}), ...(owner !== undefined ? { owner } : {}) };
    const metrics = searchMetrics(HANBIT_METRICS, option(flags, 'search') ?? '', filters);
    return { output: { metrics: metrics.map(describe), conflicts: nameConflicts(HANBIT_METRICS) }, code: 0 };
  },

  async series(flags) {
    const metric = metricArg(flags);
    const starter = starterDashboard('en');
    const grain = grainArg(flags, starter.grain);
    const range = rangeArg(flags, starter.range);
    const variant = flags.options.get('variant') === true;
    const engine = await openWarehouse(variant, metric.database);
    const result = new SeriesRunner(engine).run(metric.database, { key: metric.id, sql: metric.sql, grain, range });
    const base = { metric: metric.id, database: metric.database, copy: variant ? 'variant' : 'visible', grain, range };
    if (!result.ok) return { output: { ...base, error: result.error, sql: result.sql }, code: 1 };
    return { output: { ...base, sql: result.sql, rows: result.rows }, code: 0 };
  },

  async audit(flags) {
    const metric = metricArg(flags);
    const grain = grainArg(flags, 'month');
    const engine = await openWarehouse(false, metric.database);
    return {
      output: { ...auditMetric(metric, { grain, schema: schemaOf(engine) }), lastChange: lastChange(metric), history: metric.history },
      code: 0,
    };
  },

  async dashboard(flags) {
    const starter = starterDashboard('en');
    const grain = grainArg(flags, starter.grain);
    const range = rangeArg(flags, starter.range);
    const variant = flags.options.get('variant') === true;
    const { byDatabase } = dashboardRequests(starter, HANBIT_METRICS, { grain, range });
    const timings: object[] = [];
    let failed = 0;
    const ms = (n: number): number => Math.round(n * 10) / 10;
    for (const [database, requests] of Object.entries(byDatabase)) {
      const runner = new SeriesRunner(await openWarehouse(variant, database));
      const first = runner.runBatch(database, requests);
      // A filter change: the range narrowed to its second half (every series from the cache).
      const mid = new Date((Date.parse(range.from) + Date.parse(range.to)) / 2).toISOString().slice(0, 10);
      const narrowed = dashboardRequests(starter, HANBIT_METRICS, { grain, range: { from: mid, to: range.to } }).byDatabase[database] ?? [];
      const rangeChange = runner.runBatch(database, narrowed);
      // A grain change: every metric runs once at the new grain.
      const other: Grain = grain === 'month' ? 'week' : 'month';
      const regrained = dashboardRequests(starter, HANBIT_METRICS, { grain: other, range }).byDatabase[database] ?? [];
      const grainChange = runner.runBatch(database, regrained);
      failed += first.results.filter((r) => !r.ok).length;
      timings.push({
        database,
        tiles: requests.length,
        firstRunMs: ms(first.elapsedMs),
        rangeChangeMs: ms(rangeChange.elapsedMs),
        rangeChangeCacheHits: rangeChange.cacheHits,
        grainChange: other,
        grainChangeMs: ms(grainChange.elapsedMs),
        results: first.results.map((r) =>
          r.ok ? { key: r.key, ok: true, points: r.rows.length } : { key: r.key, ok: false, error: r.error },
        ),
      });
    }
    return {
      output: { dashboard: starter.id, grain, range, copy: variant ? 'variant' : 'visible', batches: timings },
      code: failed > 0 ? 1 : 0,
    };
  },
};

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const flags = parseFlags(argv);
    const name = flags.positional[0];
    const command = name ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(name ? `unknown command '${name}'` : 'name a command');
    const { output, code } = await command(flags);
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return code;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
