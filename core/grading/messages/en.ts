import type { DiffExample } from '../messages.ts';
import type { MessageContext, MessageLanguage } from './table.ts';
import { pp, pValue } from './cells.ts';

/** English grader feedback, one template per message code. */

function rowsWord(n: number): string {
  return n === 1 ? 'row' : 'rows';
}

function examples(column: string, keyColumns: string[], list: DiffExample[], ctx: MessageContext): string {
  return list
    .map((e) => {
      const values = `expected ${ctx.cell(e.expected, column)}, yours ${ctx.cell(e.actual, column)}`;
      return e.key.length === 0 ? values : `for ${ctx.namedRow(keyColumns, e.key)}: ${values}`;
    })
    .join('; ');
}

function periodsWord(n: number): string {
  return n === 1 ? 'period' : 'periods';
}

function decisionEn(d: string): string {
  return d === 'ship' ? 'Ship' : d === 'dont-ship' ? 'Don’t ship' : d === 'keep-running' ? 'Keep running' : 'Can’t read it';
}

function capstoneStageEn(stage: string): string {
  return stage === 'load' ? 'the load' : stage === 'kpi' ? 'the KPI' : stage === 'tile' ? 'the dashboard tile' : 'the decision';
}

function kindsEn(kinds: string[]): string {
  const words: Record<string, string> = { table: 'tables', view: 'views', model: 'models', metric: 'metrics', tile: 'dashboard tiles' };
  const list = kinds.map((k) => words[k] ?? k);
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1] ?? ''}`;
}

function piiEn(c: string): string {
  return c === 'direct' ? 'a direct identifier' : c === 'quasi' ? 'a quasi-identifier' : c === 'sensitive' ? 'sensitive' : 'not personal';
}

/** The English table. */
export const en: MessageLanguage = {
  inTable: (table, text) => `In ${table}: ${text}`,
  messages: {
    'sql-error': (p) => `SQL error at line ${p.line}, column ${p.column}: ${p.message}`,
    'lesson-error': (p) => `This step's own setup is broken: ${p.message}`,
    'no-database': (p) => `The database '${p.database}' is not available.`,
    'not-a-select': () => 'Your last statement returns no rows. End with a SELECT that shows the result.',
    'too-many-rows': (p, c) => `The result has more than ${c.number(p.limit)} rows, too many to grade.`,
    'missing-columns': (p, c) =>
      p.instead.length === 0
        ? `Missing columns: ${c.list(p.columns)}. SELECT every column the task names.`
        : `Your result has no column ${c.list(p.columns)}; it has ${c.list(p.instead)} instead. Give the task's name with AS (e.g. AS ${p.columns[0] ?? ''}).`,
    'unexpected-columns': (p, c) => `Columns that were not asked for: ${c.list(p.columns)}.`,
    'row-count': (p, c) =>
      p.actual === 0
        ? `Your result is empty; expected ${c.number(p.expected)} ${rowsWord(p.expected)}.`
        : `Expected ${c.number(p.expected)} ${rowsWord(p.expected)}, got ${c.number(p.actual)}.`,
    'rows-missing': (p, c) => `${c.number(p.count)} ${rowsWord(p.count)} missing (e.g. ${c.rows(p.columns, p.examples)})`,
    'rows-extra': (p, c) => `${c.number(p.count)} extra ${rowsWord(p.count)} (e.g. ${c.rows(p.columns, p.examples)})`,
    'column-differs': (p, c) => {
      const shown = examples(p.column, p.keyColumns, p.examples, c);
      // A one-row result has no key: say the value, not "1 row".
      if (p.keyColumns.length === 0 && p.count === 1) return `Column ${p.column} differs: ${shown}.`;
      return `Column ${p.column} differs in ${c.number(p.count)} ${rowsWord(p.count)} (${shown})`;
    },
    'nulls-where-values': (p) => `Column ${p.column} has ${p.count} NULL ${p.count === 1 ? 'value' : 'values'} where values are expected.`,
    rounding: (p, c) => {
      const shown = examples(p.column, p.keyColumns, p.examples, c);
      // Unrounded references (1/3) have about 16 places: then the fix is not to round, not round(..., 16).
      const fix =
        p.actualDecimals > p.expectedDecimals
          ? ` Round as the task says: round(..., ${p.expectedDecimals}).`
          : p.expectedDecimals >= 10
            ? ' Do not round: keep the value as computed.'
            : ` Keep ${p.expectedDecimals} decimal places.`;
      const order = p.affectsOrder ? ' Sorting by the unrounded values also puts rows that should tie in another order.' : '';
      return `Column ${p.column} differs only in precision (rounding): the expected values have ${p.expectedDecimals} decimal places, yours have ${p.actualDecimals} (${shown}).${fix}${order}`;
    },
    'wrong-order': (p) => `Right rows, wrong order (from row ${p.position}).`,
    'order-by-required': () => 'This task asks for an order: add ORDER BY. Without it the order is luck.',
    'hard-coded': (p, c) =>
      `Your SQL writes values of this data's result (${c.list(p.literals)}) into the query: right here, wrong on another copy of the data with the same tables. Compute the values from the data instead.`,
    'variant-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `Right on this data, but on another copy of it (same tables, other rows) your result differs. That copy has cases this one lacks: exact boundary values (>= versus >, < versus <=), ties in the order, repeated rows, NULLs. Check that your query follows the task's rule in those cases too.${details ? ` On the other copy: ${details}` : ''}`;
    },
    'known-mistake': (p) => p.feedback.en,
    'table-missing': (p) => `There is no table or view named ${p.table}.`,
    'table-kind': (p) => `${p.table} must be a ${p.expected}, but it is a ${p.actual}.`,
    'table-columns': (p, c) => {
      const parts: string[] = [];
      if (p.missing.length > 0) parts.push(`missing columns: ${c.list(p.missing)}`);
      if (p.unexpected.length > 0) parts.push(`unexpected columns: ${c.list(p.unexpected)}`);
      return `${p.table} has the wrong columns (${parts.join('; ')}).`;
    },
    'table-column-type': (p) => `${p.table}.${p.column} should be ${p.expected}, not ${p.actual}.`,
    'no-answer': () => 'Pick an answer.',
    'wrong-choice': (p) => `"${p.label.en}": ${p.explanation.en}`,
    'choices-missing': (p) => `${p.count} more right ${p.count === 1 ? 'answer' : 'answers'} to pick.`,
    'reason-required': () => 'Write down your reason.',
    'number-wrong': () => 'That is not the value the data gives. Compute it with a query rather than guessing, and type the result.',
    'number-rounding': (p) => `Close: it differs only by rounding. Give it to ${p.decimals} decimal places.`,
    'not-a-number': (p) => `"${p.text}" is not a number.`,
    'bad-answer': (p) => `This step takes ${p.expected} as its answer.`,
    'pipeline-invalid': (p) => `The pipeline cannot run: ${p.message}`,
    'task-failed': (p) =>
      p.in === 'path'
        ? `Task ${p.task} failed in its lake path template: ${p.error}`
        : p.line === undefined
          ? `Task ${p.task} failed${p.in === 'template' ? ' in its SQL template' : ''}: ${p.error}`
          : `Task ${p.task} failed at line ${p.line} of its ${p.in === 'template' ? 'SQL template' : 'SQL'}: ${p.error}`,
    'tasks-not-run': (p, c) => `Not run because a task before ${p.tasks.length === 1 ? 'it' : 'them'} failed: ${c.list(p.tasks)}.`,
    'ds-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `Right for this step's date, but run for ${p.ds} your tables differ. Take the date from {{ ds }} rather than writing it into the SQL or the path.${details ? ` For ${p.ds}: ${details}` : ''}`;
    },
    'not-idempotent': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `Running the pipeline a second time changes ${p.table}: a re-run must leave the same rows. Delete the partition before inserting it again.${details ? ` After the second run: ${details}` : ''}`;
    },
    'project-error': (p) => (p.line === null ? `${p.file}: ${p.message.en}` : `${p.file}, line ${p.line}: ${p.message.en}`),
    'model-failed': (p) => `Model ${p.model} failed to build: ${p.error.en}`,
    'models-not-built': (p, c) =>
      `Not built because a model or test ${p.models.length === 1 ? 'it depends' : 'they depend'} on failed: ${c.list(p.models)}.`,
    'test-missing': (p) => `The project has no test ${p.test}. Add it as the task says.`,
    'test-failed': (p, c) => `Test ${p.test} fails on ${c.number(p.failures)} ${rowsWord(p.failures)}.`,
    'problem-not-caught': (p, c) =>
      p.actual === 0
        ? `Test ${p.test} passes on the data with the problem: it should fail on ${c.number(p.expected)} ${rowsWord(p.expected)}.`
        : `Test ${p.test} fails on ${c.number(p.actual)} ${rowsWord(p.actual)}, but the problem is in ${c.number(p.expected)}: the test must catch exactly those rows.`,
    'fails-after-fix': (p, c) =>
      `Once the problem is fixed, test ${p.test} should pass, but it still fails on ${c.number(p.failures)} ${rowsWord(p.failures)}: it also flags rows that are fine.`,
    'no-lake': (p) => `The lake files of '${p.lake}' are not available.`,
    'metric-template-error': (p) =>
      p.line === null
        ? `The metric's SQL template cannot be rendered: ${p.message}`
        : `The metric's SQL template cannot be rendered (line ${p.line}): ${p.message}`,
    'metric-columns': (p, c) =>
      `A metric's SQL returns the columns period and value; yours has no ${c.list(p.missing)} (it returns ${c.list(p.columns) || 'no columns'}). Name them with AS.`,
    'metric-fixed-grain': (p, c) =>
      `Your SQL is fixed to one grain: right by ${p.right}, wrong by ${p.wrong} (${c.number(p.count)} ${periodsWord(p.count)} differ). Group with {{ period('column') }} so the same SQL follows the grain a dashboard asks for.`,
    'metric-periods-missing': (p, c) =>
      `By ${p.grain}: ${c.number(p.count)} ${periodsWord(p.count)} of the expected series missing (e.g. ${p.examples.map((e) => c.cell(e, 'period')).join(', ')}).`,
    'metric-periods-extra': (p, c) =>
      `By ${p.grain}: ${c.number(p.count)} ${periodsWord(p.count)} the expected series does not have (e.g. ${p.examples.map((e) => c.cell(e, 'period')).join(', ')}). The period column holds the date each period starts on.`,
    'metric-periods-repeated': (p, c) =>
      `By ${p.grain}: ${c.number(p.count)} ${periodsWord(p.count)} come in more than one row (e.g. ${p.examples.map((e) => c.cell(e, 'period')).join(', ')}). GROUP BY the period alone.`,
    'metric-values-differ': (p, c) =>
      `By ${p.grain}: the value differs in ${c.number(p.count)} ${periodsWord(p.count)} (first ${c.cell(p.period, 'period')}: expected ${c.cell(p.expected, 'value')}, yours ${c.cell(p.actual, 'value')}). Check the definition: what is counted, and what is left out.`,
    'metric-variant-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `Right on this data, but on another copy of it (same tables, other rows) your series by ${p.grain} differs. Compute every value from the tables; do not write dates or numbers of this data into the SQL.${details ? ` On the other copy: ${details}` : ''}`;
    },
    'arm-missing': (p, c) =>
      p.found.length === 0
        ? `Your result has no rows: one row per arm is expected (${p.arm} is missing).`
        : `There is no row for the arm '${p.arm}' (variant values found: ${p.found.map((v) => c.cell(v)).join(', ')}).`,
    'arm-extra-rows': (p, c) =>
      `One row per arm is expected (control, treatment); your result also has rows for ${p.values.map((v) => c.cell(v)).join(', ')}.`,
    'arm-count-wrong': (p, c) => `${p.column} of ${p.arm}: expected ${c.number(p.expected)}, yours ${c.cell(p.actual, p.column)}.`,
    'arm-double-counted': (p, c) =>
      `${p.column} of ${p.arm}: ${c.number(p.actual)}, but only ${c.number(p.expected)} were ${p.column === 'users' ? 'assigned' : 'converted'}: some units are counted more than once (a join repeating them?). Count each unit once, e.g. COUNT(DISTINCT unit_id).`,
    'experiment-variant-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `Your counts are right on this data, but on another copy of it (same tables, other rows) they differ. Compute them from the tables; do not write this data's numbers into the SQL.${details ? ` On the other copy: ${details}` : ''}`;
    },
    'decision-missing': () => 'Make the call: ship, do not ship, keep running, or cannot read it.',
    'srm-ignored': (p) =>
      `The sample-ratio check fails (p = ${pValue(p.pValue, 'en')} < ${p.threshold}): the arms are not split as planned, so the difference between them means nothing. Do not read the effect ("${decisionEn(p.decision)}"): the experiment cannot be read until the assignment bug is found.`,
    'srm-not-failed': (p) =>
      `The split holds (sample-ratio check p = ${pValue(p.pValue, 'en')}, not below ${p.threshold}): the experiment can be read. Read its effect.`,
    'decision-wrong': (p) =>
      p.effect === null
        ? `"${decisionEn(p.decision)}" does not follow from the readout.`
        : `"${decisionEn(p.decision)}" does not follow from the readout: the difference is ${pp(p.effect.diff)} percentage points (95% CI ${pp(p.effect.low)} to ${pp(p.effect.high)}), p = ${pValue(p.effect.pValue, 'en')} at α = ${p.effect.alpha}.`,
    'reasons-missing': () => 'Pick the reasons for your call.',
    'pii-tag-differs': (p) => `${p.column}: you tagged it ${piiEn(p.yours)}, but it is ${piiEn(p.reference)}. ${p.reason.en}`,
    'pii-untagged': (p, c) => `${c.number(p.count)} ${p.count === 1 ? 'column is' : 'columns are'} not tagged yet: ${c.list(p.columns)}.`,
    'mask-view-missing': (p) =>
      p.table
        ? `${p.view} is a table, not a view: a copy goes stale when the source changes. Create it with CREATE VIEW ${p.view} AS ….`
        : `There is no view ${p.view}. Create it with CREATE VIEW ${p.view} AS ….`,
    'mask-direct-left': (p) =>
      p.how === 'lineage'
        ? `Column ${p.column} passes ${p.source} through as it is: leave direct identifiers out of the view.`
        : `Column ${p.column} holds real values of ${p.source}: a direct identifier leaks by its values, whatever the column is called.`,
    'mask-raw-id': (p) => `Column ${p.column} holds raw ids: pseudonymise them with the key, e.g. pseudonym(${p.column}).`,
    'mask-id-missing': (p) => `No column holds ${p.column} pseudonymised with pseudonym(): include a pseudonymous id so analysts can still join rows.`,
    'mask-rows': (p, c) =>
      `The view has ${c.number(p.view)} rows but ${p.table} has ${c.number(p.base)}: masking must not add or drop rows (a join that repeats rows, a WHERE that drops them?).`,
    'mask-quasi-missing': (p, c) => `The view has no column ${c.list(p.columns)}: keep the generalised quasi-identifiers the task names, under those names.`,
    'mask-k-too-small': (p, c) =>
      `k = ${p.k}: a group of only ${p.k} share ${c.list(p.quasi)} (${p.group}); the task asks for k ≥ ${p.minK}. Generalise further (wider age bands, larger regions).`,
    'mask-variant-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `Your view passes on this data but not on another copy of it (same tables, other rows).${details ? ` On the other copy: ${details}` : ''}`;
    },
    'impact-no-source': () => 'Pick the broken source on the lineage graph first: what it feeds is what you mark.',
    'impact-wrong-source': (p) => `You traced from ${p.picked.en}, which is not the source that broke. Start from the one the step describes.`,
    'impact-missing': (p, c) =>
      // One missing item is named as a lead; the rest are counted, so the feedback points the way without handing over the answer.
      `${p.nodes.length === 1 ? 'One affected item is' : `${c.number(p.nodes.length)} affected items are`} missing (${kindsEn(p.kinds)} downstream of the source)${p.nodes.length === 1 ? `: ${p.nodes[0]?.en ?? ''}` : `, ${p.nodes[0]?.en ?? ''} among them`}. Follow every edge out of the source, not only the first path.`,
    'impact-extra': (p, c) =>
      `${c.list(p.nodes.map((n) => n.en))} ${p.nodes.length === 1 ? 'is' : 'are'} not among the affected ${kindsEn(p.kinds)}: mark only ${kindsEn(p.kinds)} the broken source flows into.`,
    'impact-upstream': (p, c) =>
      `${c.list(p.nodes.map((n) => n.en))} ${p.nodes.length === 1 ? 'feeds' : 'feed'} the broken source: ${p.nodes.length === 1 ? 'it is' : 'they are'} upstream, so the problem does not reach ${p.nodes.length === 1 ? 'it' : 'them'}. Impact flows in the direction of the arrows.`,
    'impact-unknown': (p, c) => `Not on the lineage graph: ${c.list(p.ids)}.`,
    'impact-owners-missing': (p, c) =>
      `${p.teams.length === 1 ? 'One team that owns' : `${c.number(p.teams.length)} teams that own`} affected items ${p.teams.length === 1 ? 'is' : 'are'} not on your list: look at the owner of each item you marked.`,
    'impact-owners-extra': (p, c) =>
      `${c.list(p.teams.map((t) => t.en))} ${p.teams.length === 1 ? 'owns' : 'own'} none of the affected items: no need to alarm ${p.teams.length === 1 ? 'it' : 'them'}.`,
    'quality-file-problem': (p) => `Line ${p.line} of your checks: ${p.message.en} No check ran.`,
    'quality-type-missing': (p, c) => `The task asks for ${p.types.length === 1 ? 'a check of type' : 'checks of the types'} ${c.list(p.types)}; your file has none.`,
    'quality-problem-missed': (p, c) =>
      p.closest === null
        ? `No check catches the problem ${p.problem} in ${p.table} (${c.number(p.expected)} ${rowsWord(p.expected)}): add a check on that table that warns or fails on exactly those rows.`
        : p.closest.outcome === 'pass'
          ? `The problem ${p.problem} in ${p.table} has ${c.number(p.expected)} ${rowsWord(p.expected)}, but your check on line ${p.closest.line} (${p.closest.check}) passes: its threshold or its rule lets them through.`
          : `The problem ${p.problem} in ${p.table} has ${c.number(p.expected)} ${rowsWord(p.expected)}, but your check on line ${p.closest.line} (${p.closest.check}) counts ${c.number(p.closest.count)}: it must count exactly the problem's rows (look at NULLs, blanks and repeated rows).`,
    'quality-fails-on-healthy': (p, c) =>
      `Your check on line ${p.line} (${p.check}) ${p.outcome === 'warn' ? 'warns' : 'fails'} on ${c.number(p.count)}, but nothing planted there has that count: it raises an alarm on healthy data. Check its rule and threshold.`,
    'quality-check-error': (p) => `Your check on line ${p.line} (${p.check}) could not run: ${p.message.en}`,
    'capstone-stage-failed': (p) => `Stage ${p.index} of 4, ${capstoneStageEn(p.stage)}, is the first that is not right yet:`,
    'capstone-stages': (p) =>
      `All stages: ${p.stages.map((s, i) => `${i + 1}. ${capstoneStageEn(s.stage)}: ${s.status === 'passed' ? 'right' : s.status === 'failed' ? 'not yet' : 'waits for stage 1'}`).join('; ')}.`,
    'capstone-own-load-missing': () =>
      'Your KPI is right on the table the reference pipeline loads, but your own pipeline left no table to check it on. Make stage 1 run first.',
    'capstone-kpi-own-load': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `Your KPI is right on the table the reference pipeline loads, but on the table your own pipeline loads it gives other numbers by ${p.grain}: your dashboard would show those.${details ? ` ${details}` : ''} Fix the load (stage 1), not the KPI.`;
    },
    'capstone-tile-metric': (p) => `The tile shows the metric ${p.actual}; put the KPI you defined in stage 2 (${p.expected}) on it.`,
    'capstone-tile-kind': (p) =>
      p.actual === 'kpi'
        ? 'A KPI tile shows only the last whole period against the one before; the decision compares several periods. Use a chart tile.'
        : 'A chart tile is not what this dashboard needs here: use a KPI tile.',
    'capstone-tile-grain': (p) => `The tile is by ${p.actual}; the decision is read by ${p.expected}. Set the dashboard's grain to ${p.expected}.`,
    'capstone-tile-periods': (p) => {
      const parts: string[] = [];
      if (p.missing.length > 0) parts.push(`it leaves out ${p.missing.join(', ')}`);
      if (p.extra.length > 0) parts.push(`it also shows ${p.extra.join(', ')}, a period the data or the range cuts short, which would read as a fall`);
      return `With the range ${p.range.from} to ${p.range.to} by ${p.grain}, ${parts.join(' and ')}. Choose a range that holds exactly the whole periods the decision compares.`;
    },
    'capstone-no-call': () => 'Make the call: pick one of the options.',
  },
};
