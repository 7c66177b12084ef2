import type { Cell } from '../sql/protocol.ts';
import type { Lang, Localized } from '../lessons/localized.ts';
import type { Grain } from '../metrics/schema.ts';
import type { Decision } from '../stats/types.ts';
import { formatNumber } from '../format/number.ts';
import { formatCell, formatNamedRow, formatRows } from './messages/cells.ts';
import type { MessageContext, MessageLanguage } from './messages/table.ts';
import { en } from './messages/en.ts';
import { ko } from './messages/ko.ts';

/**
 * Grader feedback as data: a code and its parameters. Text is made only when shown, in the
 * learner's language, so a verdict can be stored, tested by code and re-rendered after a
 * language switch. The texts live in one table per language (messages/en.ts, messages/ko.ts).
 */

/** How many example rows a message carries: enough to see the pattern, few enough to read. */
export const MAX_EXAMPLES = 5;

/** One value that differs between the reference and the learner's result, with the row's key. */
export interface DiffExample {
  /** Values of the key columns that identify the row (empty when rows were paired by position). */
  key: Cell[];
  expected: Cell;
  actual: Cell;
}

/** The parameters of every message, by code. A new step kind adds its codes here, in AUDIENCE and in every language's table. */
export interface MessageParams {
  /** The learner's SQL failed to run. */
  'sql-error': { message: string; line: number; column: number };
  /** The step's own setup or reference failed: a lesson bug, never the learner's fault. */
  'lesson-error': { message: string };
  /** The database the step needs is not available. */
  'no-database': { database: string };
  /** The learner's last statement returns no rows to compare (not a query). */
  'not-a-select': Record<string, never>;
  /** The result is larger than the grader reads. */
  'too-many-rows': { limit: number };
  /** Required columns (aliases) the result lacks, and the result's columns that were not asked for (likely the same ones, unnamed). */
  'missing-columns': { columns: string[]; instead: string[] };
  /** Columns the result has that were not asked for. */
  'unexpected-columns': { columns: string[] };
  /** The number of rows differs. */
  'row-count': { expected: number; actual: number };
  /** Reference rows the result lacks. */
  'rows-missing': { count: number; columns: string[]; examples: Cell[][] };
  /** Result rows the reference does not have. */
  'rows-extra': { count: number; columns: string[]; examples: Cell[][] };
  /** Rows line up by their key columns, but one column's values differ. */
  'column-differs': { column: string; count: number; keyColumns: string[]; examples: DiffExample[] };
  /** A column holds NULL where the reference has values. */
  'nulls-where-values': { column: string; count: number };
  /** A column's values differ only by rounding. */
  rounding: {
    column: string;
    count: number;
    expectedDecimals: number;
    actualDecimals: number;
    keyColumns: string[];
    examples: DiffExample[];
    /** True when the unrounded values also put the rows in another order. */
    affectsOrder: boolean;
  };
  /** Right rows, wrong order; position is the first 1-based row that differs. */
  'wrong-order': { position: number };
  /** The step asks for an order but the query has no ORDER BY, so any order is luck. */
  'order-by-required': Record<string, never>;
  /** Right on the visible data, wrong on the hidden variant, and the SQL writes values of the visible result. */
  'hard-coded': { literals: string[] };
  /** Right on the visible data, wrong on the hidden variant: a rule the data here never tests (a boundary, a tie, a duplicate, a NULL). */
  'variant-differs': { details: Message[] };
  /** The answer matches a mistake the lesson knows, with the lesson's own explanation. */
  'known-mistake': { feedback: Localized };
  /** A target table or view of a build step does not exist. */
  'table-missing': { table: string };
  /** A target exists but is a table where a view is asked for, or the reverse. */
  'table-kind': { table: string; expected: 'table' | 'view'; actual: 'table' | 'view' };
  /** A target's column names differ. */
  'table-columns': { table: string; missing: string[]; unexpected: string[] };
  /** A target column has another type affinity than the reference's. */
  'table-column-type': { table: string; column: string; expected: string; actual: string };
  /** Nothing was chosen. */
  'no-answer': Record<string, never>;
  /** A chosen answer is wrong; its explanation says why. */
  'wrong-choice': { choice: string; label: Localized; explanation: Localized };
  /** Some right answers were not chosen (multiple-answer steps). */
  'choices-missing': { count: number };
  /** The step asks for a reason and none was written. */
  'reason-required': Record<string, never>;
  /** The number is not within tolerance. No direction: a learner could otherwise bisect to it without a query. */
  'number-wrong': Record<string, never>;
  /** The number is off only by rounding. */
  'number-rounding': { decimals: number };
  /** The answer could not be read as a number. */
  'not-a-number': { text: string };
  /** The answer does not have the shape this step kind takes. */
  'bad-answer': { expected: string };
  /** The pipeline cannot run as saved (a cycle, an edge to a task that does not exist, two tasks with one id): found before any task ran. */
  'pipeline-invalid': { message: string };
  /**
   * A pipeline task failed, with the runner's error (the engine's words) and, when the engine gave
   * one, the line and what it counts in: the SQL that ran, the SQL template or the lake path template.
   * Both are optional: verdicts stored before the line was passed have neither.
   */
  'task-failed': { task: string; error: string; line?: number | undefined; in?: 'sql' | 'template' | 'path' | undefined };
  /** Tasks that did not run because a task upstream of them failed. */
  'tasks-not-run': { tasks: string[] };
  /** Right for the step's logical date, different for another one: the date is probably written into the pipeline. */
  'ds-differs': { ds: string; details: Message[] };
  /** Running the pipeline a second time on its own output changes a target (a blind INSERT, not DELETE-then-INSERT). */
  'not-idempotent': { table: string; details: Message[] };
  /** A file of the model project cannot be read (YAML, Jinja, a ref to a model that does not exist), with where. */
  'project-error': { file: string; line: number | null; message: Localized };
  /** A model failed to build. */
  'model-failed': { model: string; error: Localized };
  /** Models that were not built because a model or an error-severity test they depend on failed (dbt build). */
  'models-not-built': { models: string[] };
  /** A data test the step names is not in the project. */
  'test-missing': { test: string };
  /** A data test fails, with its failing-row count. */
  'test-failed': { test: string; failures: number };
  /** The test does not catch the planted problem: it passes, or it fails on another number of rows than the problem has. */
  'problem-not-caught': { test: string; expected: number; actual: number };
  /** Once the problem is fixed the test should pass, but it still fails. */
  'fails-after-fix': { test: string; failures: number };
  /** The lake files the step reads are not available. */
  'no-lake': { lake: string };
  /** A metric's SQL template cannot be rendered (Jinja syntax, period() without a column), with its line when known. */
  'metric-template-error': { message: string; line: number | null };
  /** A metric's SQL runs but lacks the `period` or `value` column. */
  'metric-columns': { missing: string[]; columns: string[] };
  /** The series is right at one grain and wrong at another: the template ignores the grain (strftime instead of period()). */
  'metric-fixed-grain': { right: Grain; wrong: Grain; count: number };
  /** Periods of the reference's series the learner's lacks, at a grain. */
  'metric-periods-missing': { grain: Grain; count: number; examples: Cell[] };
  /** Periods the learner's series has and the reference's does not, at a grain. */
  'metric-periods-extra': { grain: Grain; count: number; examples: Cell[] };
  /** Periods that come in more than one row (the query is not grouped by the period). */
  'metric-periods-repeated': { grain: Grain; count: number; examples: Cell[] };
  /** Values that differ in some periods, with the first of them. */
  'metric-values-differ': { grain: Grain; count: number; period: Cell; expected: Cell; actual: Cell };
  /** Right on the visible data, wrong on the hidden variant, at a grain. */
  'metric-variant-differs': { grain: Grain; details: Message[] };
  /** An experiment's per-arm result lacks an arm (found: the variant values it has). */
  'arm-missing': { arm: string; found: Cell[] };
  /** Rows beyond one per arm: an arm repeated, or variants that are not arms (NULL, a typo). */
  'arm-extra-rows': { values: Cell[] };
  /** An arm's users or conversions differ from the data's. */
  'arm-count-wrong': { arm: string; column: 'users' | 'conversions'; expected: number; actual: Cell };
  /** An arm's count is larger than the data's: units counted more than once (a join that repeats them). */
  'arm-double-counted': { arm: string; column: 'users' | 'conversions'; expected: number; actual: number };
  /** Per-arm counts right on the visible data, wrong on the hidden variant. */
  'experiment-variant-differs': { details: Message[] };
  /** No call was made on the experiment. */
  'decision-missing': Record<string, never>;
  /** The sample-ratio check fails, yet the effect was read: the call must be 'invalid'. */
  'srm-ignored': { decision: Decision; pValue: number; threshold: number };
  /** The call is 'invalid' but the split holds: the experiment can be read. */
  'srm-not-failed': { pValue: number; threshold: number };
  /** Another call than the readout supports, with the readout's numbers (effect null when it was not read). */
  'decision-wrong': {
    decision: Decision;
    effect: { diff: number; low: number; high: number; pValue: number; alpha: number } | null;
  };
  /** No reason was picked for the call. */
  'reasons-missing': Record<string, never>;
  /** PII: a column's tag differs from the reference class, with the reference's reason. */
  'pii-tag-differs': { column: string; yours: 'direct' | 'quasi' | 'sensitive' | 'none'; reference: 'direct' | 'quasi' | 'sensitive' | 'none'; reason: Localized };
  /** PII: listed columns left untagged. */
  'pii-untagged': { count: number; columns: string[] };
  /** Masked view: the view the step asks for was not created (or is a table). */
  'mask-view-missing': { view: string; table: boolean };
  /** Masked view: a column still carries a direct identifier, found by lineage or by value. */
  'mask-direct-left': { column: string; source: string; how: 'lineage' | 'value' };
  /** Masked view: a column holds raw ids. */
  'mask-raw-id': { column: string };
  /** Masked view: no column holds the id pseudonymised with pseudonym() (values that change with the key). */
  'mask-id-missing': { column: string };
  /** Masked view: its rows do not reconcile with the base table. */
  'mask-rows': { view: number; base: number; table: string };
  /** Masked view: quasi-identifier columns the step names are missing from the view. */
  'mask-quasi-missing': { columns: string[] };
  /** Masked view: k-anonymity below the step's minimum, with the smallest group. */
  'mask-k-too-small': { k: number; minK: number; quasi: string[]; group: string };
  /** Masked view: passes on this data but not on another copy of it. */
  'mask-variant-differs': { details: Message[] };
  /** Impact: no broken source was picked on the lineage graph. */
  'impact-no-source': Record<string, never>;
  /** Impact: the source picked is not the broken one (labels of both). */
  'impact-wrong-source': { picked: Localized; source: Localized };
  /** Impact: affected nodes of the asked kinds that the answer lacks. */
  'impact-missing': { nodes: Localized[]; kinds: ImpactKind[] };
  /** Impact: nodes marked that are not affected nodes of the asked kinds (downstream of another kind, or not downstream at all). */
  'impact-extra': { nodes: Localized[]; kinds: ImpactKind[] };
  /** Impact: nodes marked that feed the broken source: upstream of it, so a problem there does not reach them. */
  'impact-upstream': { nodes: Localized[] };
  /** Impact: ids that are not on the lineage graph. */
  'impact-unknown': { ids: string[] };
  /** Impact: owner teams of affected nodes that the answer does not list. */
  'impact-owners-missing': { teams: Localized[] };
  /** Impact: teams listed that own none of the affected nodes. */
  'impact-owners-extra': { teams: Localized[] };
  /** The learner's check file has a problem (YAML, an unknown check, table or column) at a line: nothing ran. */
  'quality-file-problem': { line: number; message: Localized };
  /** Check types the step asks for that the file does not use. */
  'quality-type-missing': { types: string[] };
  /** A planted problem no check catches with its count: no warning or failing check on its table counts exactly its rows. */
  'quality-problem-missed': { problem: string; table: string; expected: number; closest: { check: string; line: number; outcome: string; count: number } | null };
  /** A check warns or fails on data that is healthy (its count matches no planted problem of its table). */
  'quality-fails-on-healthy': { check: string; line: number; outcome: string; count: number };
  /** A check could not run (its SQL failed), with why. */
  'quality-check-error': { check: string; line: number; message: Localized };
  /** Capstone: the first of its four stages that fails (1-based index), leading the verdict. */
  'capstone-stage-failed': { stage: 'load' | 'kpi' | 'tile' | 'decision'; index: number };
  /** Capstone: every stage's status and messages, in order (the lesson player shows them per stage). */
  'capstone-stages': { stages: { stage: 'load' | 'kpi' | 'tile' | 'decision'; status: 'passed' | 'failed' | 'blocked'; messages: Message[] }[] };
  /** Capstone: the KPI is right on the reference's load, but the learner's own pipeline left no table to check it on. */
  'capstone-own-load-missing': Record<string, never>;
  /** Capstone: the KPI is right on the reference's load but not on the learner's own load (what their dashboard would show). */
  'capstone-kpi-own-load': { grain: Grain; details: Message[] };
  /** Capstone: the tile shows another metric than the one defined in stage 2. */
  'capstone-tile-metric': { expected: string; actual: string };
  /** Capstone: a tile kind that cannot show what the decision needs. */
  'capstone-tile-kind': { expected: ('kpi' | 'chart')[]; actual: 'kpi' | 'chart' };
  /** Capstone: the tile is at another grain than the one asked for. */
  'capstone-tile-grain': { expected: Grain; actual: Grain };
  /** Capstone: the tile's range leaves out periods the decision needs or shows periods it should not (a cut-off one). */
  'capstone-tile-periods': { grain: Grain; missing: string[]; extra: string[]; range: { from: string; to: string } };
  /** Capstone: no call was picked. */
  'capstone-no-call': Record<string, never>;
}

/** The kinds of lineage node an impact step asks the learner to mark. */
export type ImpactKind = 'table' | 'view' | 'model' | 'metric' | 'tile';

/** A message code. */
export type MessageCode = keyof MessageParams;

/** One piece of feedback; `table` names the build-step target it is about. */
export type Message = { [C in MessageCode]: { code: C; params: MessageParams[C]; table?: string } }[MessageCode];

/** Builds a message with its parameters checked against its code. */
export function message<C extends MessageCode>(code: C, params: MessageParams[C], table?: string): Message {
  return (table === undefined ? { code, params } : { code, params, table }) as Message;
}

/**
 * Who a message speaks to. `learner`: about the answer. `author`: the step itself is broken (its
 * setup or reference fails, its database is missing, the answer reached the grader in a shape the
 * step cannot take): never the learner's mistake, so the player shows a neutral notice instead.
 */
export type Audience = 'learner' | 'author';

/** The audience of every code; a new code must choose one or this does not compile. */
export const AUDIENCE: Record<MessageCode, Audience> = {
  'sql-error': 'learner',
  'lesson-error': 'author',
  'no-database': 'author',
  'not-a-select': 'learner',
  'too-many-rows': 'learner',
  'missing-columns': 'learner',
  'unexpected-columns': 'learner',
  'row-count': 'learner',
  'rows-missing': 'learner',
  'rows-extra': 'learner',
  'column-differs': 'learner',
  'nulls-where-values': 'learner',
  rounding: 'learner',
  'wrong-order': 'learner',
  'order-by-required': 'learner',
  'hard-coded': 'learner',
  'variant-differs': 'learner',
  'known-mistake': 'learner',
  'table-missing': 'learner',
  'table-kind': 'learner',
  'table-columns': 'learner',
  'table-column-type': 'learner',
  'no-answer': 'learner',
  'wrong-choice': 'learner',
  'choices-missing': 'learner',
  'reason-required': 'learner',
  'number-wrong': 'learner',
  'number-rounding': 'learner',
  'not-a-number': 'learner',
  'bad-answer': 'author',
  'pipeline-invalid': 'learner',
  'task-failed': 'learner',
  'tasks-not-run': 'learner',
  'ds-differs': 'learner',
  'not-idempotent': 'learner',
  'project-error': 'learner',
  'model-failed': 'learner',
  'models-not-built': 'learner',
  'test-missing': 'learner',
  'test-failed': 'learner',
  'problem-not-caught': 'learner',
  'fails-after-fix': 'learner',
  'no-lake': 'author',
  'metric-template-error': 'learner',
  'metric-columns': 'learner',
  'metric-fixed-grain': 'learner',
  'metric-periods-missing': 'learner',
  'metric-periods-extra': 'learner',
  'metric-periods-repeated': 'learner',
  'metric-values-differ': 'learner',
  'metric-variant-differs': 'learner',
  'arm-missing': 'learner',
  'arm-extra-rows': 'learner',
  'arm-count-wrong': 'learner',
  'arm-double-counted': 'learner',
  'experiment-variant-differs': 'learner',
  'decision-missing': 'learner',
  'srm-ignored': 'learner',
  'srm-not-failed': 'learner',
  'decision-wrong': 'learner',
  'reasons-missing': 'learner',
  'pii-tag-differs': 'learner',
  'pii-untagged': 'learner',
  'mask-view-missing': 'learner',
  'mask-direct-left': 'learner',
  'mask-raw-id': 'learner',
  'mask-id-missing': 'learner',
  'mask-rows': 'learner',
  'mask-quasi-missing': 'learner',
  'mask-k-too-small': 'learner',
  'mask-variant-differs': 'learner',
  'impact-no-source': 'learner',
  'impact-wrong-source': 'learner',
  'impact-missing': 'learner',
  'impact-extra': 'learner',
  'impact-upstream': 'learner',
  'impact-unknown': 'learner',
  'impact-owners-missing': 'learner',
  'impact-owners-extra': 'learner',
  'quality-file-problem': 'learner',
  'quality-type-missing': 'learner',
  'quality-problem-missed': 'learner',
  'quality-fails-on-healthy': 'learner',
  'quality-check-error': 'learner',
  'capstone-stage-failed': 'learner',
  'capstone-stages': 'learner',
  'capstone-own-load-missing': 'learner',
  'capstone-kpi-own-load': 'learner',
  'capstone-tile-metric': 'learner',
  'capstone-tile-kind': 'learner',
  'capstone-tile-grain': 'learner',
  'capstone-tile-periods': 'learner',
  'capstone-no-call': 'learner',
};

/** True when the message is about the step, not the answer: a lesson or grader problem for its author. */
export function isAuthorFacing(msg: Message): boolean {
  return AUDIENCE[msg.code] === 'author';
}

/** The grader texts of each language; a new language is a new file in messages/ and one line here. */
export const MESSAGE_LANGUAGES: Record<Lang, MessageLanguage> = { en, ko };

function contextFor(lang: Lang): MessageContext {
  return {
    lang,
    number: (n) => formatNumber(n, lang),
    cell: (cell, column) => formatCell(cell, lang, column),
    namedRow: (columns, row) => formatNamedRow(columns, row, lang),
    rows: (columns, rows) => formatRows(columns, rows, lang),
    list: (items) => items.join(', '),
    message: (msg) => formatMessage(msg, lang),
  };
}

/** The message as text in the given language, prefixed with the build target it is about. */
export function formatMessage(msg: Message, lang: Lang): string {
  const language = MESSAGE_LANGUAGES[lang];
  const template = language.messages[msg.code] as (p: Message['params'], ctx: MessageContext) => string;
  const text = template(msg.params, contextFor(lang));
  if (msg.table === undefined || msg.code.startsWith('table-')) return text;
  return language.inTable(msg.table, text);
}

/** Every message code, for checks that a lesson's expected codes exist. */
export const MESSAGE_CODES = Object.keys(AUDIENCE) as MessageCode[];

export { formatCell };
