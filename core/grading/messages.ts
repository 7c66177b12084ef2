import type { Cell } from '../sql/protocol.ts';
import type { Lang, Localized } from '../lessons/localized.ts';

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
  /** Required columns (aliases) the result lacks. */
  'missing-columns': { columns: string[] };
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
  rounding: { column: string; count: number; expectedDecimals: number; actualDecimals: number; examples: DiffExample[] };
  /** Right rows, wrong order; position is the first 1-based row that differs. */
  'wrong-order': { position: number };
  /** The step asks for an order but the query has no ORDER BY, so any order is luck. */
  'order-by-required': Record<string, never>;
  /** Right on the visible data, wrong on the hidden variant. */
  'hard-coded': Record<string, never>;
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
  /** The number is not within tolerance. */
  'number-wrong': { direction: 'high' | 'low' };
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

/** How a cell reads in feedback: NULL spelled out, text as is, blobs as short hex. */
export function formatCell(cell: Cell): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell;
  const hex = Array.from(cell.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `x'${hex}${cell.length > 16 ? '…' : ''}'`;
}

function formatRow(row: Cell[]): string {
  return `(${row.map(formatCell).join(', ')})`;
}

function formatRows(columns: string[], rows: Cell[][]): string {
  return `${columns.join(', ')}: ${rows.map(formatRow).join('; ')}`;
}

function formatExamples(examples: DiffExample[], lang: Lang): string {
  const arrow = lang === 'ko' ? '기대값' : 'expected';
  const got = lang === 'ko' ? '내 값' : 'yours';
  return examples
    .map((e) => `${e.key.length > 0 ? `${formatRow(e.key)} ` : ''}${arrow} ${formatCell(e.expected)}, ${got} ${formatCell(e.actual)}`)
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
    l === 'ko' ? `결과가 ${p.limit}행보다 많아 채점할 수 없습니다.` : `The result has more than ${p.limit} rows, too many to grade.`,
  'missing-columns': (p, l) =>
    l === 'ko'
      ? `결과에 없는 열: ${list(p.columns)}. 문제에 적힌 이름(별칭)을 쓰세요.`
      : `Missing columns: ${list(p.columns)}. Use the names (aliases) the task gives.`,
  'unexpected-columns': (p, l) =>
    l === 'ko' ? `요청하지 않은 열: ${list(p.columns)}.` : `Columns that were not asked for: ${list(p.columns)}.`,
  'row-count': (p, l) => {
    if (p.actual === 0)
      return l === 'ko' ? `결과가 비어 있습니다. ${p.expected}행이 나와야 합니다.` : `Your result is empty; expected ${p.expected} rows.`;
    return l === 'ko'
      ? `행 수가 다릅니다: ${p.expected}행이어야 하는데 ${p.actual}행입니다.`
      : `Expected ${p.expected} rows, got ${p.actual}.`;
  },
  'rows-missing': (p, l) =>
    l === 'ko'
      ? `빠진 행 ${p.count}개 (예: ${formatRows(p.columns, p.examples)})`
      : `${p.count} ${p.count === 1 ? 'row' : 'rows'} missing (e.g. ${formatRows(p.columns, p.examples)})`,
  'rows-extra': (p, l) =>
    l === 'ko'
      ? `있으면 안 되는 행 ${p.count}개 (예: ${formatRows(p.columns, p.examples)})`
      : `${p.count} extra ${p.count === 1 ? 'row' : 'rows'} (e.g. ${formatRows(p.columns, p.examples)})`,
  'column-differs': (p, l) =>
    l === 'ko'
      ? `열 ${p.column}의 값이 ${p.count}개 행에서 다릅니다 (${formatExamples(p.examples, l)})`
      : `Column ${p.column} differs in ${p.count} ${p.count === 1 ? 'row' : 'rows'} (${formatExamples(p.examples, l)})`,
  'nulls-where-values': (p, l) =>
    l === 'ko'
      ? `열 ${p.column}에 값이 있어야 할 곳에 NULL이 ${p.count}개 있습니다.`
      : `Column ${p.column} has ${p.count} NULL ${p.count === 1 ? 'value' : 'values'} where values are expected.`,
  rounding: (p, l) =>
    l === 'ko'
      ? `열 ${p.column}의 값이 반올림만 다릅니다 (${p.count}개 행): 기대값은 소수 ${p.expectedDecimals}자리, 내 값은 ${p.actualDecimals}자리입니다.`
      : `Column ${p.column} differs only by rounding in ${p.count} ${p.count === 1 ? 'row' : 'rows'}: the expected values have ${p.expectedDecimals} decimal places, yours have ${p.actualDecimals}.`,
  'wrong-order': (p, l) =>
    l === 'ko' ? `행은 맞지만 순서가 다릅니다 (${p.position}번째 행부터).` : `Right rows, wrong order (from row ${p.position}).`,
  'order-by-required': (_p, l) =>
    l === 'ko'
      ? '이 문제는 순서가 중요합니다. ORDER BY로 순서를 정하세요. ORDER BY가 없으면 순서는 우연입니다.'
      : 'This task asks for an order: add ORDER BY. Without it the order is luck.',
  'hard-coded': (_p, l) =>
    l === 'ko'
      ? '보이는 데이터에서는 맞지만 다른 데이터에서는 틀립니다. 값을 직접 적지 말고 데이터에서 계산하세요.'
      : 'This looks hard-coded: it is right on this data but wrong on another copy of it. Compute the values from the data.',
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
  'number-wrong': (p, l) =>
    l === 'ko' ? `값이 ${p.direction === 'high' ? '너무 큽니다' : '너무 작습니다'}.` : `Your value is too ${p.direction}.`,
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
