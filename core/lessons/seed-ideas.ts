/**
 * Every seed idea of the curriculum map (docs/curriculum.md): one entry per table row,
 * plus the closing cautions. A lesson's objectives name these ids, so the lesson checker can tell
 * which ideas have a home and which are practised by an automatically checked step.
 */

/** The tracks of the course, in order; 'cautions' are woven through all of them. */
export const TRACK_IDS = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 'cautions'] as const;

/** A track id. */
export type TrackId = (typeof TRACK_IDS)[number];

/** One idea of the lecture notes and what the learner does with it. */
export interface SeedIdea {
  /** Stable id that lesson objectives name, e.g. 't0-literacy'. */
  id: string;
  track: TrackId;
  /** The seed text exactly as the curriculum table's first cell gives it (Korean and English mixed, as in the notes). */
  idea: string;
  /** What the learner does, as the curriculum table's second cell gives it. */
  practice: string;
}

/** Every table row of curriculum.md, in the document's order. */
export const CURRICULUM_SEED_IDEAS: readonly SeedIdea[] = [
  {
    id: 't0-literacy',
    track: 't0',
    idea: '데이터 문해력: understanding and using data, for every department',
    practice: "a first query on the shop's data; read a chart and answer what it shows",
  },
  {
    id: 't0-mission',
    track: 't0',
    idea: '데이터 팀의 미션: support decisions, optimise, predict errors; prove its value; 신뢰 가능한 데이터 → 부가가치',
    practice: 'match team requests to the role that serves them',
  },
  {
    id: 't0-roles',
    track: 't0',
    idea: 'roles: data engineer / analyst / scientist / ML Ops (skill-set diagram: left, right, centre, left+centre)',
    practice: 'sort tasks into the roles; see which layer each role works in',
  },
  {
    id: 't0-layers',
    track: 't0',
    idea: 'production database vs data warehouse vs data lake (speed vs analysis vs cheap raw storage)',
    practice: 'query the same order in all three layers and explain the differences (columns, history, shape)',
  },
  {
    id: 't0-quality-over-size',
    track: 't0',
    idea: '중요도: 품질 > 크기 (quality over size)',
    practice: 'compare a big dirty sample with a small clean one on the same question',
  },
  {
    id: 't0-distributed',
    track: 't0',
    idea: 'distributed processing (Hadoop), pandas limited to one computer, Spark',
    practice: 'split an aggregate into partitions and combine the partial results (map/reduce by hand in SQL); time the large dataset',
  },
  {
    id: 't0-cloud',
    track: 't0',
    idea: 'cloud: no provisioning, pay as you go, elasticity, capacity planning for peak time, global scale',
    practice: 'read a peak-hour load chart from the logs and size capacity for it',
  },
  {
    id: 't0-batch-vs-realtime',
    track: 't0',
    idea: 'batch vs real-time (batch at idle times, end of day; trend toward real-time)',
    practice: 'build a daily batch partition; compare with a per-event running view',
  },
  {
    id: 't0-web-data',
    track: 't0',
    idea: 'web data: search queries and the results users click; ethics of public data used for large models',
    practice: 'compute click-through rate per search term from the search and click logs',
  },
  {
    id: 't1-etl-pipeline',
    track: 't1',
    idea: 'data pipeline + ETL (extract, transform, load) into a relational warehouse',
    practice: 'Extract: load raw lake files (JSON lines events, a messy CSV) into staging tables as they are',
  },
  {
    id: 't1-transform-cleanup',
    track: 't1',
    idea: 'transform: 데이터 클린업 takes ~70% of modelling time',
    practice: 'Transform: parse JSON, fix types, normalise dates and casing, trim, deduplicate, quarantine bad rows with a reason',
  },
  {
    id: 't1-load-warehouse',
    track: 't1',
    idea: 'load into data warehouse tables',
    practice: 'Load: fill dimension and fact tables; the load is idempotent (run twice, same rows)',
  },
  {
    id: 't1-airflow',
    track: 't1',
    idea: 'Airflow manages ETL jobs',
    practice: 'see the pipeline as a graph of tasks with dependencies; run it in order; re-run a failed task',
  },
  {
    id: 't1-nightly-batch',
    track: 't1',
    idea: 'batch processing at night',
    practice: "load one day's partition incrementally; reconcile counts source vs target",
  },
  {
    id: 't1-records-owner',
    track: 't1',
    idea: 'requests pile up → keep records, business owner',
    practice: 'record the owner and purpose of each loaded table',
  },
  {
    id: 't2-elt-dbt',
    track: 't2',
    idea: 'ELT: combine warehouse tables by purpose into new tables, with dbt',
    practice: 'write models as SELECTs that reference other models and sources; build them in dependency order',
  },
  { id: 't2-staging-marts', track: 't2', idea: 'staging → marts', practice: 'build stg_ models, then a customer mart and an orders mart' },
  {
    id: 't2-trustworthy-tables',
    track: 't2',
    idea: 'trustworthy tables',
    practice: 'declare tests (unique, not null, accepted values, relationships) and fix the model when one fails',
  },
  {
    id: 't2-etl-vs-elt',
    track: 't2',
    idea: 'ETL vs ELT (who does it, where the transform runs)',
    practice: 'contrast the Track 1 pipeline with the Track 2 models on the same question',
  },
  {
    id: 't3-kpi-definition',
    track: 't3',
    idea: 'KPI vs general metric; clear definition (매출 = 반품을 제외한 매출액); few KPIs; OKR',
    practice: 'write the SQL of a KPI from its written definition; see how a vague definition gives two numbers',
  },
  {
    id: 't3-3a',
    track: 't3',
    idea: '3A: Accessible, Actionable, Auditable',
    practice: 'judge proposed metrics against the 3A and fix one',
  },
  {
    id: 't3-dashboard',
    track: 't3',
    idea: 'dashboard over time for the Accessible step',
    practice: 'build a dashboard of KPI tiles and time-series charts',
  },
  {
    id: 't3-informed-vs-driven',
    track: 't3',
    idea: 'data-informed (hypothesis, challenge) vs data-driven (optimise from history)',
    practice: 'classify decisions; pick the data each needs',
  },
  {
    id: 't3-hypothesis-metric',
    track: 't3',
    idea: '가설 수립 후 지표; explain why the metric is objective',
    practice: 'state a hypothesis, choose its metric, and justify it',
  },
  {
    id: 't3-trusted-metrics',
    track: 't3',
    idea: 'metrics others can trust and understand; results fast',
    practice: 'publish a metric with its definition, owner and audit query',
  },
  {
    id: 't4-ab-split',
    track: 't4',
    idea: 'hypothesis-based feature; A = control 50%, B = test 50%',
    practice: "read an experiment's assignment table; check the split",
  },
  {
    id: 't4-significance',
    track: 't4',
    idea: 'difference must be statistically significant',
    practice: 'compute conversion per arm; run a two-proportion test; read p-value and confidence interval',
  },
  {
    id: 't4-design',
    track: 't4',
    idea: 'A/B test design (data scientist)',
    practice: 'size an experiment: sample size for a minimum detectable effect and power',
  },
  {
    id: 't4-practice',
    track: 't4',
    idea: '— (practice)',
    practice: "find a sample-ratio mismatch; see why peeking and many metrics mislead; make the ship / don't ship call",
  },
  {
    id: 't5-pii',
    track: 't5',
    idea: 'PII (personal identifiable information) classification',
    practice: 'tag the columns of every table: direct identifier, quasi-identifier, sensitive, none',
  },
  {
    id: 't5-governance-process',
    track: 't5',
    idea: 'governance: process that assures quality and limits the impact of problems',
    practice: 'write quality checks (freshness, volume, nulls, uniqueness, ranges) and see which fail today',
  },
  {
    id: 't5-monitoring',
    track: 't5',
    idea: 'monitoring and aftercare',
    practice: 'trace a broken source through lineage to the dashboards it affects',
  },
  {
    id: 't5-gigo-privacy',
    track: 't5',
    idea: 'garbage in, garbage out; trustworthy training data; privacy',
    practice: 'build a masked view (pseudonymised ids, no direct identifiers) that an analyst may use',
  },
  {
    id: 't6-personalisation',
    track: 't6',
    idea: 'personalisation, optimisation, error prediction',
    practice: '"bought together" recommendations in SQL; a simple error-rate forecast from logs',
  },
  {
    id: 't6-start-small',
    track: 't6',
    idea: '작은 것부터, 간단한 솔루션부터 (start small; no need for deep learning)',
    practice: 'beat nothing with a baseline heuristic and measure it before anything fancier',
  },
  {
    id: 't6-virtuous-cycle',
    track: 't6',
    idea: 'the virtuous cycle: model → collect more data by hypothesis',
    practice: 'decide which new data to collect to test a hypothesis',
  },
  {
    id: 't6-explainability',
    track: 't6',
    idea: 'explainability is asked for',
    practice: 'explain a prediction from the rule that produced it',
  },
];

/** The cautions that close docs/curriculum.md, one idea per clause. */
export const CAUTION_SEED_IDEAS: readonly SeedIdea[] = [
  {
    id: 'c-show-results',
    track: 'cautions',
    idea: 'Analysts must show results',
    practice: 'woven through the tracks, recapped in a closing lesson',
  },
  {
    id: 'c-quick-wins',
    track: 'cautions',
    idea: 'requests come from other teams and want quick wins',
    practice: 'woven through the tracks, recapped in a closing lesson',
  },
  {
    id: 'c-trusted-metrics',
    track: 'cautions',
    idea: 'metrics must be trusted and understood',
    practice: 'woven through the tracks, recapped in a closing lesson',
  },
  {
    id: 'c-infrastructure',
    track: 'cautions',
    idea: 'build infrastructure alongside the work',
    practice: 'woven through the tracks, recapped in a closing lesson',
  },
  {
    id: 'c-data-quality',
    track: 'cautions',
    idea: 'data quality is paramount',
    practice: 'woven through the tracks, recapped in a closing lesson',
  },
  {
    id: 'c-hypothesis-first',
    track: 'cautions',
    idea: 'hypothesis first, then metric',
    practice: 'woven through the tracks, recapped in a closing lesson',
  },
  { id: 'c-start-small', track: 'cautions', idea: 'start small', practice: 'woven through the tracks, recapped in a closing lesson' },
];

/** Every seed idea a lesson objective may name. */
export const SEED_IDEAS: readonly SeedIdea[] = [...CURRICULUM_SEED_IDEAS, ...CAUTION_SEED_IDEAS];

/** The seed idea with this id, if any. */
export function findSeedIdea(id: string): SeedIdea | undefined {
  return SEED_IDEAS.find((s) => s.id === id);
}
