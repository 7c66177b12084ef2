import type { Cell } from '../sql/protocol.ts';
import type { Lang, Localized } from '../lessons/localized.ts';
import { formatNumber, isLabelNumberColumn } from '../format/number.ts';

/**
 * Grader feedback as data: a code and its parameters. Text is made only when shown, in the
 * learner's language, so a verdict can be stored, tested by code and re-rendered after a
 * language switch.
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

/** The parameters of every message, by code. A new step kind adds its codes here and in TEMPLATES. */
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
}

/** A message code. */
export type MessageCode = keyof MessageParams;

/** One piece of feedback; `table` names the build-step target it is about. */
export type Message = { [C in MessageCode]: { code: C; params: MessageParams[C]; table?: string } }[MessageCode];

/** Builds a message with its parameters checked against its code. */
export function message<C extends MessageCode>(code: C, params: MessageParams[C], table?: string): Message {
  return (table === undefined ? { code, params } : { code, params, table }) as Message;
}

/** How a cell reads in feedback: NULL spelled out, numbers with the locale's separators (not ids or years), blobs as short hex. */
export function formatCell(cell: Cell, lang: Lang = 'en', column = ''): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'number') return formatNumber(cell, lang, { grouping: !isLabelNumberColumn(column, [cell]) });
  if (typeof cell === 'string') return cell;
  const hex = Array.from(cell.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `x'${hex}${cell.length > 16 ? '…' : ''}'`;
}

/** A row as "name = value" pairs, so no value stands without its column. */
function formatNamedRow(columns: string[], row: Cell[], lang: Lang): string {
  return row.map((cell, i) => `${columns[i] ?? '?'} = ${formatCell(cell, lang, columns[i])}`).join(', ');
}

function formatRows(columns: string[], rows: Cell[][], lang: Lang): string {
  return rows.map((r) => `(${formatNamedRow(columns, r, lang)})`).join('; ');
}

function formatExamples(column: string, keyColumns: string[], examples: DiffExample[], lang: Lang): string {
  const arrow = lang === 'ko' ? '기대값' : 'expected';
  const got = lang === 'ko' ? '내 값' : 'yours';
  return examples
    .map((e) => {
      const values = `${arrow} ${formatCell(e.expected, lang, column)}, ${got} ${formatCell(e.actual, lang, column)}`;
      if (e.key.length === 0) return values;
      const where = formatNamedRow(keyColumns, e.key, lang);
      return lang === 'ko' ? `${where}인 행: ${values}` : `for ${where}: ${values}`;
    })
    .join('; ');
}

function list(items: string[]): string {
  return items.join(', ');
}

type Templates = { [C in MessageCode]: (p: MessageParams[C], lang: Lang) => string };

/** Korean and English text for each code; `ko` first because the notes are Korean. */
const TEMPLATES: Templates = {
  'sql-error': (p, l) =>
    l === 'ko' ? `SQL 오류 (${p.line}행 ${p.column}열): ${p.message}` : `SQL error at line ${p.line}, column ${p.column}: ${p.message}`,
  'lesson-error': (p, l) =>
    l === 'ko' ? `이 단계의 정답 설정에 문제가 있습니다: ${p.message}` : `This step's own setup is broken: ${p.message}`,
  'no-database': (p, l) =>
    l === 'ko' ? `데이터베이스 '${p.database}'를 찾을 수 없습니다.` : `The database '${p.database}' is not available.`,
  'not-a-select': (_p, l) =>
    l === 'ko'
      ? '마지막 문장이 행을 돌려주지 않습니다. SELECT 문으로 결과를 보여 주세요.'
      : 'Your last statement returns no rows. End with a SELECT that shows the result.',
  'too-many-rows': (p, l) =>
    l === 'ko'
      ? `결과가 ${formatNumber(p.limit, l)}행보다 많아 채점할 수 없습니다.`
      : `The result has more than ${formatNumber(p.limit, l)} rows, too many to grade.`,
  'missing-columns': (p, l) => {
    if (p.instead.length === 0)
      return l === 'ko'
        ? `결과에 없는 열: ${list(p.columns)}. 문제에 적힌 열을 모두 SELECT하세요.`
        : `Missing columns: ${list(p.columns)}. SELECT every column the task names.`;
    return l === 'ko'
      ? `결과에 ${list(p.columns)} 열이 없고 대신 ${list(p.instead)} 열이 있습니다. 문제에 적힌 이름을 AS로 붙이세요(예: AS ${p.columns[0] ?? ''}).`
      : `Your result has no column ${list(p.columns)}; it has ${list(p.instead)} instead. Give the task's name with AS (e.g. AS ${p.columns[0] ?? ''}).`;
  },
  'unexpected-columns': (p, l) =>
    l === 'ko' ? `요청하지 않은 열: ${list(p.columns)}.` : `Columns that were not asked for: ${list(p.columns)}.`,
  'row-count': (p, l) => {
    if (p.actual === 0)
      return l === 'ko'
        ? `결과가 비어 있습니다. ${formatNumber(p.expected, l)}행이 나와야 합니다.`
        : `Your result is empty; expected ${formatNumber(p.expected, l)} ${p.expected === 1 ? 'row' : 'rows'}.`;
    return l === 'ko'
      ? `행 수가 다릅니다: ${formatNumber(p.expected, l)}행이어야 하는데 ${formatNumber(p.actual, l)}행입니다.`
      : `Expected ${formatNumber(p.expected, l)} ${p.expected === 1 ? 'row' : 'rows'}, got ${formatNumber(p.actual, l)}.`;
  },
  'rows-missing': (p, l) =>
    l === 'ko'
      ? `빠진 행 ${formatNumber(p.count, l)}개 (예: ${formatRows(p.columns, p.examples, l)})`
      : `${formatNumber(p.count, l)} ${p.count === 1 ? 'row' : 'rows'} missing (e.g. ${formatRows(p.columns, p.examples, l)})`,
  'rows-extra': (p, l) =>
    l === 'ko'
      ? `있으면 안 되는 행 ${formatNumber(p.count, l)}개 (예: ${formatRows(p.columns, p.examples, l)})`
      : `${formatNumber(p.count, l)} extra ${p.count === 1 ? 'row' : 'rows'} (e.g. ${formatRows(p.columns, p.examples, l)})`,
  'column-differs': (p, l) => {
    const examples = formatExamples(p.column, p.keyColumns, p.examples, l);
    // A one-row result has no key: say the value, not "1 row".
    if (p.keyColumns.length === 0 && p.count === 1)
      return l === 'ko' ? `열 ${p.column}의 값이 다릅니다: ${examples}.` : `Column ${p.column} differs: ${examples}.`;
    return l === 'ko'
      ? `열 ${p.column}의 값이 ${formatNumber(p.count, l)}개 행에서 다릅니다 (${examples})`
      : `Column ${p.column} differs in ${formatNumber(p.count, l)} ${p.count === 1 ? 'row' : 'rows'} (${examples})`;
  },
  'nulls-where-values': (p, l) =>
    l === 'ko'
      ? `열 ${p.column}에 값이 있어야 할 곳에 NULL이 ${formatNumber(p.count, l)}개 있습니다.`
      : `Column ${p.column} has ${p.count} NULL ${p.count === 1 ? 'value' : 'values'} where values are expected.`,
  rounding: (p, l) => {
    const examples = formatExamples(p.column, p.keyColumns, p.examples, l);
    // Unrounded references (1/3) have about 16 places: then the fix is not to round, not round(..., 16).
    const fix =
      p.actualDecimals > p.expectedDecimals
        ? l === 'ko'
          ? ` 문제대로 round(..., ${p.expectedDecimals})로 반올림하세요.`
          : ` Round as the task says: round(..., ${p.expectedDecimals}).`
        : p.expectedDecimals >= 10
          ? l === 'ko'
            ? ' 반올림하지 말고 계산한 값을 그대로 두세요.'
            : ' Do not round: keep the value as computed.'
          : l === 'ko'
            ? ` 소수 ${p.expectedDecimals}자리까지 남기세요.`
            : ` Keep ${p.expectedDecimals} decimal places.`;
    const order = p.affectsOrder
      ? l === 'ko'
        ? ' 반올림하지 않은 값으로 정렬하면 같아야 할 값의 순서도 달라집니다.'
        : ' Sorting by the unrounded values also puts rows that should tie in another order.'
      : '';
    return l === 'ko'
      ? `열 ${p.column}의 값이 정밀도(반올림)만 다릅니다: 기대값은 소수 ${p.expectedDecimals}자리, 내 값은 ${p.actualDecimals}자리입니다 (${examples}).${fix}${order}`
      : `Column ${p.column} differs only in precision (rounding): the expected values have ${p.expectedDecimals} decimal places, yours have ${p.actualDecimals} (${examples}).${fix}${order}`;
  },
  'wrong-order': (p, l) =>
    l === 'ko' ? `행은 맞지만 순서가 다릅니다 (${p.position}번째 행부터).` : `Right rows, wrong order (from row ${p.position}).`,
  'order-by-required': (_p, l) =>
    l === 'ko'
      ? '이 문제는 순서가 중요합니다. ORDER BY로 순서를 정하세요. ORDER BY가 없으면 순서는 우연입니다.'
      : 'This task asks for an order: add ORDER BY. Without it the order is luck.',
  'hard-coded': (p, l) =>
    l === 'ko'
      ? `이 데이터의 결과 값(${list(p.literals)})을 SQL에 직접 적었습니다. 이 데이터에서는 맞지만 같은 구조의 다른 데이터에서는 틀립니다. 값을 적지 말고 데이터에서 계산하세요.`
      : `Your SQL writes values of this data's result (${list(p.literals)}) into the query: right here, wrong on another copy of the data with the same tables. Compute the values from the data instead.`,
  'variant-differs': (p, l) => {
    const details = p.details.map((m) => formatMessage(m, l)).join(' ');
    return l === 'ko'
      ? `이 데이터에서는 맞지만, 채점에 쓰는 같은 구조의 다른 데이터에서는 결과가 다릅니다. 그 데이터에는 여기 없는 경우가 있습니다: 경계값(>=와 >, <와 <=), 같은 값(동점)의 순서, 중복 행, NULL. 문제에 적힌 규칙을 그런 경우까지 지키는지 확인하세요.${details ? ` 다른 데이터에서: ${details}` : ''}`
      : `Right on this data, but on another copy of it (same tables, other rows) your result differs. That copy has cases this one lacks: exact boundary values (>= versus >, < versus <=), ties in the order, repeated rows, NULLs. Check that your query follows the task's rule in those cases too.${details ? ` On the other copy: ${details}` : ''}`;
  },
  'known-mistake': (p, l) => p.feedback[l],
  'table-missing': (p, l) => (l === 'ko' ? `테이블 또는 뷰 ${p.table}이(가) 없습니다.` : `There is no table or view named ${p.table}.`),
  'table-kind': (p, l) =>
    l === 'ko'
      ? `${p.table}은(는) ${p.expected === 'view' ? '뷰' : '테이블'}여야 하는데 ${p.actual === 'view' ? '뷰' : '테이블'}입니다.`
      : `${p.table} must be a ${p.expected}, but it is a ${p.actual}.`,
  'table-columns': (p, l) => {
    const parts: string[] = [];
    if (p.missing.length > 0) parts.push(l === 'ko' ? `없는 열: ${list(p.missing)}` : `missing columns: ${list(p.missing)}`);
    if (p.unexpected.length > 0)
      parts.push(l === 'ko' ? `필요 없는 열: ${list(p.unexpected)}` : `unexpected columns: ${list(p.unexpected)}`);
    return l === 'ko' ? `${p.table}의 열이 다릅니다 (${parts.join('; ')}).` : `${p.table} has the wrong columns (${parts.join('; ')}).`;
  },
  'table-column-type': (p, l) =>
    l === 'ko'
      ? `${p.table}.${p.column}의 타입이 ${p.expected}여야 하는데 ${p.actual}입니다.`
      : `${p.table}.${p.column} should be ${p.expected}, not ${p.actual}.`,
  'no-answer': (_p, l) => (l === 'ko' ? '답을 고르세요.' : 'Pick an answer.'),
  'wrong-choice': (p, l) => (l === 'ko' ? `"${p.label.ko}": ${p.explanation.ko}` : `"${p.label.en}": ${p.explanation.en}`),
  'choices-missing': (p, l) =>
    l === 'ko' ? `맞는 답을 ${p.count}개 더 골라야 합니다.` : `${p.count} more right ${p.count === 1 ? 'answer' : 'answers'} to pick.`,
  'reason-required': (_p, l) => (l === 'ko' ? '이유를 적어 주세요.' : 'Write down your reason.'),
  'number-wrong': (_p, l) =>
    l === 'ko'
      ? '데이터에서 나오는 값이 아닙니다. 짐작하지 말고 쿼리로 계산한 값을 그대로 적으세요.'
      : 'That is not the value the data gives. Compute it with a query rather than guessing, and type the result.',
  'number-rounding': (p, l) =>
    l === 'ko'
      ? `거의 맞았습니다. 소수 ${p.decimals}자리까지 정확히 적으세요.`
      : `Close: it differs only by rounding. Give it to ${p.decimals} decimal places.`,
  'not-a-number': (p, l) => (l === 'ko' ? `"${p.text}"은(는) 숫자가 아닙니다.` : `"${p.text}" is not a number.`),
  'bad-answer': (p, l) => (l === 'ko' ? `이 단계의 답은 ${p.expected} 형식이어야 합니다.` : `This step takes ${p.expected} as its answer.`),
};

/** The message as text in the given language, prefixed with the build target it is about. */
export function formatMessage(msg: Message, lang: Lang): string {
  const template = TEMPLATES[msg.code] as (p: Message['params'], lang: Lang) => string;
  const text = template(msg.params, lang);
  if (msg.table === undefined || msg.code.startsWith('table-')) return text;
  return lang === 'ko' ? `[${msg.table}] ${text}` : `In ${msg.table}: ${text}`;
}

/** Every message code, for checks that a lesson's expected codes exist. */
export const MESSAGE_CODES = Object.keys(TEMPLATES) as MessageCode[];
