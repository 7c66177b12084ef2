import type { Localized } from '../../datasets/catalog.ts';

/*
 * Every text a check file's problems and results show, in both languages (합니다체). Kept apart
 * from the parser and the runner so the wording can be read (and reviewed) in one place.
 */

/** A problem of a check file with its line. */
export interface QualityProblem {
  line: number;
  message: Localized;
}

const l = (en: string, ko: string): Localized => ({ en, ko });

/** The texts of check-file problems. */
export const problemText = {
  yaml: (detail: string) => l(`The YAML cannot be read: ${detail}`, `YAML을 읽을 수 없습니다: ${detail}`),
  notMap: () =>
    l(
      'A check file is a map of `checks for <database>.<table>:` blocks.',
      '검사 파일은 `checks for <데이터베이스>.<테이블>:` 블록들로 이루어진 맵이어야 합니다.',
    ),
  empty: () => l('The file has no `checks for …:` block yet.', '아직 `checks for …:` 블록이 없습니다.'),
  unknownSection: (key: string) =>
    l(
      `'${key}' is not a section of a check file: write \`checks for <database>.<table>:\` (or \`data source:\`).`,
      `'${key}'는 검사 파일의 항목이 아닙니다. \`checks for <데이터베이스>.<테이블>:\`(또는 \`data source:\`)로 쓰세요.`,
    ),
  badSource: (text: string) =>
    l(
      `'${text}' does not name a table: write \`checks for hanbit-prod.customers\` or \`checks for lake:events/*.jsonl.gz as events\`.`,
      `'${text}'에서 테이블을 알 수 없습니다. \`checks for hanbit-prod.customers\`나 \`checks for lake:events/*.jsonl.gz as events\`처럼 쓰세요.`,
    ),
  noDatabase: (table: string) =>
    l(
      `Which database is '${table}' in? Write \`checks for hanbit-prod.${table}\`, or set \`data source: hanbit-prod\` at the top.`,
      `'${table}'가 어느 데이터베이스의 테이블인지 알 수 없습니다. \`checks for hanbit-prod.${table}\`처럼 쓰거나 맨 위에 \`data source: hanbit-prod\`를 적으세요.`,
    ),
  unknownDatabase: (db: string) => l(`There is no database '${db}'.`, `'${db}'라는 데이터베이스가 없습니다.`),
  unknownTable: (table: string, db: string) =>
    l(`The database '${db}' has no table '${table}'.`, `데이터베이스 '${db}'에 '${table}' 테이블이 없습니다.`),
  unknownColumn: (column: string, table: string, known: string[]) =>
    l(
      `The table '${table}' has no column '${column}' (it has: ${known.join(', ')}).`,
      `'${table}' 테이블에 '${column}' 열이 없습니다(있는 열: ${known.join(', ')}).`,
    ),
  lakeFailed: (pattern: string, detail: string) =>
    l(`The lake files '${pattern}' cannot be read: ${detail}`, `레이크 파일 '${pattern}'을 읽을 수 없습니다: ${detail}`),
  lakeFormat: (pattern: string) =>
    l(
      `Only JSON lines (.jsonl) and CSV lake files can be checked, not '${pattern}'.`,
      `레이크 파일은 JSON lines(.jsonl)와 CSV만 검사할 수 있습니다('${pattern}'는 검사할 수 없습니다).`,
    ),
  blockShape: () =>
    l(
      'A `checks for` block is a list of checks, or a map with `checks:`, `columns:` and `time column:`.',
      '`checks for` 블록은 검사 목록이거나 `checks:`, `columns:`, `time column:`을 가진 맵이어야 합니다.',
    ),
  unknownBlockKey: (key: string) =>
    l(
      `'${key}' is not a key of a \`checks for\` block (use \`checks\`, \`columns\`, \`time column\`).`,
      `'${key}'는 \`checks for\` 블록의 키가 아닙니다(\`checks\`, \`columns\`, \`time column\`을 쓰세요).`,
    ),
  unknownCheck: (text: string) =>
    l(
      `'${text}' is not a check. Known: row_count, missing_count(col), duplicate_count(col), invalid_count(col), freshness(col), values in (col) must exist in table (col), failed rows.`,
      `'${text}'는 검사가 아닙니다. 쓸 수 있는 검사: row_count, missing_count(열), duplicate_count(열), invalid_count(열), freshness(열), values in (열) must exist in 테이블 (열), failed rows.`,
    ),
  badThreshold: (text: string) =>
    l(
      `'${text}' is not a threshold: write \`= 0\`, \`< 5\`, \`>= 10\`, \`between 10 and 20\` (or for freshness \`< 1d\`, \`< 6h\`).`,
      `'${text}'는 기준값이 아닙니다. \`= 0\`, \`< 5\`, \`>= 10\`, \`between 10 and 20\`(신선도는 \`< 1d\`, \`< 6h\`)처럼 쓰세요.`,
    ),
  badBetween: (text: string) =>
    l(`In '${text}' the lower bound is above the upper one.`, `'${text}'에서 아래 경계가 위 경계보다 큽니다.`),
  noThreshold: (text: string) =>
    l(
      `'${text}' needs a threshold (\`= 0\`) or \`warn:\` / \`fail:\` with \`when …\`.`,
      `'${text}'에는 기준값(\`= 0\`)이나 \`when …\`을 쓴 \`warn:\` / \`fail:\`이 필요합니다.`,
    ),
  bothThresholds: (text: string) =>
    l(
      `'${text}' has a threshold and \`warn:\`/\`fail:\` both: keep one.`,
      `'${text}'에 기준값과 \`warn:\`/\`fail:\`이 함께 있습니다. 하나만 쓰세요.`,
    ),
  badWhen: (text: string) =>
    l(`'${text}' must read \`when > 10\` (or \`when between 1 and 5\`).`, `'${text}'는 \`when > 10\`(또는 \`when between 1 and 5\`)처럼 써야 합니다.`),
  unknownConfig: (key: string, check: string) =>
    l(`'${key}' is not an option of ${check}.`, `'${key}'는 ${check}의 설정이 아닙니다.`),
  badConfig: (key: string, expected: string) => l(`'${key}' must be ${expected.split('|')[0]}.`, `'${key}'에는 ${expected.split('|')[1]}.`),
  noValidity: (text: string) =>
    l(
      `'${text}' needs what counts as valid: \`valid values\`, \`valid min\`/\`valid max\`, \`valid format\`, \`valid regex\`, \`valid length\`, or \`invalid values\`.`,
      `'${text}'에는 무엇이 올바른 값인지 적어야 합니다: \`valid values\`, \`valid min\`/\`valid max\`, \`valid format\`, \`valid regex\`, \`valid length\`, \`invalid values\`.`,
    ),
  badFormat: (name: string, known: string[]) =>
    l(`'${name}' is not a valid format (known: ${known.join(', ')}).`, `'${name}'는 알려진 형식이 아닙니다(쓸 수 있는 형식: ${known.join(', ')}).`),
  badRegex: (text: string, detail: string) =>
    l(`'${text}' is not a regular expression: ${detail}`, `'${text}'는 정규 표현식이 아닙니다: ${detail}`),
  failedRowsShape: () =>
    l(
      '`failed rows:` needs `fail condition:` (a condition on one row) or `fail query:` (a SELECT of the failing rows), not both.',
      '`failed rows:`에는 `fail condition:`(한 행에 대한 조건)이나 `fail query:`(실패한 행을 고르는 SELECT) 중 하나가 필요합니다.',
    ),
  notSelect: () =>
    l('A fail query must be one SELECT (or WITH … SELECT) statement.', '`fail query`는 SELECT(또는 WITH … SELECT) 문 하나여야 합니다.'),
  dbtShape: () =>
    l(
      '`columns:` is a list of `- name: <column>` with `tests:` (dbt): not_null, unique, accepted_values, relationships.',
      '`columns:`는 `- name: <열>`과 `tests:`(dbt)의 목록입니다: not_null, unique, accepted_values, relationships.',
    ),
  unknownDbtTest: (name: string) =>
    l(
      `'${name}' is not a dbt test here (use not_null, unique, accepted_values, relationships).`,
      `'${name}'는 여기서 쓸 수 있는 dbt 테스트가 아닙니다(not_null, unique, accepted_values, relationships).`,
    ),
  relationshipShape: () =>
    l(
      '`relationships` needs `to:` (a table, or ref(\'table\')) and `field:` (its column).',
      '`relationships`에는 `to:`(테이블 또는 ref(\'테이블\'))와 `field:`(그 테이블의 열)가 필요합니다.',
    ),
  otherDatabase: () =>
    l(
      'A reference check compares tables of the same database (or lake).',
      '참조 검사는 같은 데이터베이스(또는 레이크)의 테이블끼리만 비교합니다.',
    ),
  duplicateName: (name: string) => l(`Two checks are named '${name}'.`, `'${name}'라는 이름의 검사가 두 개 있습니다.`),
  sqlProblem: (detail: string) => l(`The check's SQL does not run: ${detail}`, `검사의 SQL이 실행되지 않습니다: ${detail}`),
};

/** The texts of check results. */
export const resultText = {
  failed: (text: string, value: string) =>
    l(`${text}: the value is ${value}.`, `${text}: 값이 ${value}입니다.`),
  warnWhen: (value: string, when: string) =>
    l(`The value ${value} is ${when}: warning.`, `값 ${value}가 ${when} 조건에 맞아 경고입니다.`),
  failWhen: (value: string, when: string) =>
    l(`The value ${value} is ${when}: failure.`, `값 ${value}가 ${when} 조건에 맞아 실패입니다.`),
  empty: (column: string) =>
    l(`'${column}' has no value at all, so its freshness cannot be measured.`, `'${column}'에 값이 하나도 없어 신선도를 잴 수 없습니다.`),
  error: (detail: string) => l(`The check could not run: ${detail}`, `검사를 실행할 수 없었습니다: ${detail}`),
};
