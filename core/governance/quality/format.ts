import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { QualityCheck, QualityCheckType } from '../types.ts';
import { defaultLakeTable, lakeFormatOf } from './lake-source.ts';
import { problemText as P, type QualityProblem } from './messages.ts';

/*
 * The check file: a small YAML format in the words data teams already use. Blocks are SodaCL's
 * `checks for <table>:`, naming the database or lake files they read; checks are SodaCL's metrics
 * and dbt's generic tests:
 *
 *   data source: hanbit-prod                     # optional: the database of blocks that name none
 *   checks for hanbit-prod.customers:            # a list of checks (SodaCL) …
 *     - row_count between 2000 and 4000
 *     - missing_count(email) = 0
 *   checks for hanbit-prod.orders:               # … or a map, to name the time column and add dbt tests
 *     time column: ordered_at                    # history: the day each row belongs to
 *     checks:
 *       - freshness(ordered_at) < 2d
 *       - invalid_count(status):
 *           valid values: [paid, shipped, delivered]
 *           warn: when > 0
 *       - failed rows:
 *           name: Orders of test accounts
 *           fail condition: customer_id IN (SELECT customer_id FROM customers WHERE email LIKE 'qa+%')
 *     columns:                                   # dbt's schema.yml tests
 *       - name: customer_id
 *         tests: [not_null, {relationships: {to: ref('customers'), field: customer_id}}]
 *   checks for lake:events/*.jsonl.gz as events: # lake files, extracted as the pipeline extracts them
 *     - duplicate_count(event_id) = 0
 *
 * This module only reads the text (with the line of everything); the tables and columns are
 * checked against the data by run.ts before anything runs.
 */

/** A comparison of a threshold. */
export type ThresholdOp = '<' | '<=' | '=' | '!=' | '>' | '>=' | 'between' | 'not between';

/** A threshold: `= 0`, `< 5`, `between 10 and 20` (bounds inclusive); freshness values are in hours. */
export interface Threshold {
  op: ThresholdOp;
  a: number;
  b: number | null;
  /** As written ('> 10', 'between 1 and 5'). */
  text: string;
}

/** What counts as valid for invalid_count (and dbt's accepted_values). */
export interface Validity {
  values: (string | number)[] | null;
  min: number | null;
  max: number | null;
  format: string | null;
  regex: string | null;
  length: number | null;
  minLength: number | null;
  maxLength: number | null;
  invalidValues: (string | number)[] | null;
  invalidRegex: string | null;
}

/** One parsed check, with everything its SQL needs. */
export interface CheckSpec extends QualityCheck {
  /** Index of its block in ParsedChecks.blocks. */
  block: number;
  /** The columns it reads (duplicate_count may list several). */
  columns: string[];
  /** The check passes when its value satisfies this (`= 0`); null when warn/fail decide. */
  pass: Threshold | null;
  warnWhen: Threshold | null;
  failWhen: Threshold | null;
  /** Values counted as missing besides NULL (`missing values: ['']`), and a regex. */
  missingValues: (string | number)[];
  missingRegex: string | null;
  validity: Validity | null;
  /** relationships: the table and column every value must exist in. */
  reference: { table: string; column: string } | null;
  /** failed rows: a condition on one row, or a query returning the failing rows. */
  failCondition: string | null;
  failQuery: string | null;
  /** Where it came from: SodaCL's metric or a dbt test. */
  origin: 'soda' | 'dbt';
}

/** One `checks for` block. */
export interface BlockSpec {
  /** Database id, or `lake:<pattern>`. */
  dataset: string;
  table: string;
  /** For lake blocks: the file pattern under the lake. */
  lakePattern: string | null;
  /** The column whose date places a row on a day (history and `as of`). */
  timeColumn: string | null;
  timeColumnLine: number;
  line: number;
}

/** A parsed check file. Problems empty means it can run. */
export interface ParsedChecks {
  blocks: BlockSpec[];
  checks: CheckSpec[];
  problems: QualityProblem[];
}

/** The `valid format` names and the regular expressions (JavaScript) they stand for. */
export const VALID_FORMATS: Record<string, string> = {
  integer: '^\\s*[-+]?\\d+\\s*$',
  'positive integer': '^\\s*\\+?\\d+\\s*$',
  decimal: '^\\s*[-+]?(\\d+([.,]\\d+)?|[.,]\\d+)\\s*$',
  'date iso 8601': '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$',
  email: '^[A-Za-z0-9.!#$%&\'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$',
  'phone number': '^\\+?[\\d\\s().-]{7,20}$',
  uuid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  'ip address': '^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$',
};

const NUM = '-?\\d+(?:\\.\\d+)?';
const DURATION = '(?:\\d+(?:\\.\\d+)?[dhm])+';
const COMMON_KEYS = ['name', 'warn', 'fail'];
const MISSING_KEYS = ['missing values', 'missing regex'];
const VALIDITY_KEYS = [
  'valid values',
  'valid min',
  'valid max',
  'valid format',
  'valid regex',
  'valid length',
  'valid min length',
  'valid max length',
  'invalid values',
  'invalid regex',
];

/** A check's config value read as the kind a key takes (each reports its own problem and gives null). */
interface ConfigReaders {
  list: () => (string | number)[] | null;
  number: () => number | null;
  regex: () => string | null;
}

/** The validity keys that only read one value into their Validity field ('valid format' checks its name too). */
const VALIDITY_FIELDS: Partial<Record<string, (v: Validity, read: ConfigReaders) => void>> = {
  'valid values': (v, read) => void (v.values = read.list()),
  'invalid values': (v, read) => void (v.invalidValues = read.list()),
  'valid min': (v, read) => void (v.min = read.number()),
  'valid max': (v, read) => void (v.max = read.number()),
  'valid length': (v, read) => void (v.length = read.number()),
  'valid min length': (v, read) => void (v.minLength = read.number()),
  'valid max length': (v, read) => void (v.maxLength = read.number()),
  'valid regex': (v, read) => void (v.regex = read.regex()),
  'invalid regex': (v, read) => void (v.invalidRegex = read.regex()),
};

/** A duration (`1d`, `6h`, `1d12h`, `30m`) in hours, or null. */
export function durationHours(text: string): number | null {
  const t = text.trim();
  if (!new RegExp(`^${DURATION}$`).test(t)) return null;
  let hours = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)([dhm])/g)) {
    const n = Number(m[1]);
    hours += m[2] === 'd' ? n * 24 : m[2] === 'h' ? n : n / 60;
  }
  return hours;
}

function numberOf(text: string, durations: boolean): number | null {
  if (new RegExp(`^${NUM}$`).test(text)) return Number(text);
  return durations ? durationHours(text) : null;
}

/** Reads a threshold (`= 0`, `between 1 and 5`; durations when `durations`), or null when it is not one. */
export function parseThreshold(text: string, durations = false): Threshold | null {
  const t = text.trim().replace(/\s+/g, ' ');
  const token = durations ? `(${NUM}|${DURATION})` : `(${NUM})`;
  const between = new RegExp(`^(not )?between ${token} and ${token}$`, 'i').exec(t);
  if (between) {
    const a = numberOf(between[2] ?? '', durations);
    const b = numberOf(between[3] ?? '', durations);
    if (a === null || b === null) return null;
    return { op: between[1] ? 'not between' : 'between', a, b, text: t };
  }
  const cmp = new RegExp(`^(<=|>=|!=|=|<|>) ?${token}$`).exec(t);
  if (!cmp) return null;
  const a = numberOf(cmp[2] ?? '', durations);
  if (a === null) return null;
  return { op: cmp[1] as ThresholdOp, a, b: null, text: t };
}

/** Whether a value satisfies a threshold (between is inclusive at both ends, as in SodaCL). */
export function satisfies(t: Threshold, value: number): boolean {
  switch (t.op) {
    case '<':
      return value < t.a;
    case '<=':
      return value <= t.a;
    case '=':
      return value === t.a;
    case '!=':
      return value !== t.a;
    case '>':
      return value > t.a;
    case '>=':
      return value >= t.a;
    case 'between':
      return value >= t.a && value <= (t.b ?? t.a);
    case 'not between':
      return value < t.a || value > (t.b ?? t.a);
  }
}

/** An identifier as written in a check (quotes and brackets taken off). */
function identifier(text: string): string {
  const t = text.trim();
  const m = /^"(.*)"$|^`(.*)`$|^\[(.*)\]$/.exec(t);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : t;
}

interface CheckHead {
  type: QualityCheckType;
  columns: string[];
  rest: string;
  reference: { table: string; column: string } | null;
}

/** The metric part of a check's text: `missing_count(email)`, then whatever follows it. */
function parseHead(text: string): CheckHead | null {
  const t = text.trim();
  const rowCount = /^row_count\b\s*(.*)$/i.exec(t);
  if (rowCount) return { type: 'row_count', columns: [], rest: rowCount[1] ?? '', reference: null };
  const metric = /^(missing_count|duplicate_count|invalid_count|freshness)\s*\(([^)]*)\)\s*(.*)$/i.exec(t);
  if (metric) {
    const columns = (metric[2] ?? '').split(',').map(identifier).filter((c) => c !== '');
    if (columns.length === 0) return null;
    const name = (metric[1] ?? '').toLowerCase();
    const type = (name === 'freshness' ? 'freshness' : name) as QualityCheckType;
    return { type, columns, rest: metric[3] ?? '', reference: null };
  }
  const ref = /^values in \(?\s*([^()]+?)\s*\)? must exist in ([^\s(]+) \(?\s*([^()]+?)\s*\)?$/i.exec(t);
  if (ref) {
    return {
      type: 'relationships',
      columns: [identifier(ref[1] ?? '')],
      rest: '',
      reference: { table: identifier(ref[2] ?? ''), column: identifier(ref[3] ?? '') },
    };
  }
  if (/^failed rows$/i.test(t)) return { type: 'custom_sql', columns: [], rest: '', reference: null };
  return null;
}

type Scalarish = string | number | boolean | null;

/** Parses a check file; every problem names its line. */
export function parseCheckFile(text: string): ParsedChecks {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: QualityProblem[] = [];
  const blocks: BlockSpec[] = [];
  const checks: CheckSpec[] = [];
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined, fallback = 1): number =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;
  const problem = (line: number, message: QualityProblem['message']): void => {
    problems.push({ line, message });
  };

  for (const error of doc.errors) {
    const line = error.linePos?.[0]?.line ?? lines.linePos(error.pos[0]).line;
    problem(line, P.yaml(error.message.split('\n')[0] ?? error.message));
  }
  if (doc.errors.length > 0) return { blocks, checks, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    problem(1, P.empty());
    return { blocks, checks, problems };
  }
  if (!isMap(root)) {
    problem(lineOf(root), P.notMap());
    return { blocks, checks, problems };
  }

  // The default database first, wherever it is written.
  let defaultDb: string | null = null;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (/^data[ _]source$/i.test(key.trim())) {
      const v = isScalar(pair.value) ? pair.value.value : null;
      if (typeof v === 'string' && /^[a-z0-9][a-z0-9-]*$/i.test(v.trim())) defaultDb = v.trim();
      else problem(lineOf(pair.value as Node, lineOf(pair.key as Node)), P.badConfig('data source', 'a database id such as hanbit-prod|hanbit-prod 같은 데이터베이스 id를 써야 합니다'));
    }
  }

  const names = new Set<string>();
  for (const pair of root.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value).trim() : '';
    const keyLine = lineOf(keyNode);
    if (/^data[ _]source$/i.test(key)) continue;
    const head = /^checks\s+for\s+(.+?)(?:\s+as\s+([A-Za-z_][A-Za-z0-9_]*))?$/i.exec(key);
    if (!head) {
      problem(keyLine, P.unknownSection(key));
      continue;
    }
    const sourceText = (head[1] ?? '').trim();
    let block: BlockSpec;
    if (sourceText.toLowerCase().startsWith('lake:')) {
      const pattern = sourceText.slice(5).trim().replace(/^\/+/, '');
      if (pattern === '') {
        problem(keyLine, P.badSource(sourceText));
        continue;
      }
      if (!lakeFormatOf(pattern)) problem(keyLine, P.lakeFormat(pattern));
      block = { dataset: `lake:${pattern}`, table: head[2] ?? defaultLakeTable(pattern), lakePattern: pattern, timeColumn: null, timeColumnLine: keyLine, line: keyLine };
    } else {
      const dot = sourceText.indexOf('.');
      const db = dot > 0 ? sourceText.slice(0, dot) : defaultDb;
      const table = identifier(dot > 0 ? sourceText.slice(dot + 1) : sourceText);
      if (table === '' || /\s/.test(table)) {
        problem(keyLine, P.badSource(sourceText));
        continue;
      }
      if (db === null) {
        problem(keyLine, P.noDatabase(table));
        continue;
      }
      block = { dataset: db, table, lakePattern: null, timeColumn: null, timeColumnLine: keyLine, line: keyLine };
    }
    const blockIndex = blocks.length;
    blocks.push(block);

    // The block's body: a list of checks, or a map with checks / columns / time column.
    const body = pair.value as Node | null;
    let checkItems: Node[] = [];
    let columnItems: Node | null = null;
    if (body === null || (isScalar(body) && body.value === null)) {
      // An empty block loads its table (a lake file other checks' SQL reads) and checks nothing.
    } else if (isSeq(body)) checkItems = body.items as Node[];
    else if (isMap(body)) {
      for (const p of body.items) {
        const k = isScalar(p.key) ? String(p.key.value).trim().toLowerCase() : '';
        const v = p.value as Node | null;
        if (k === 'time column' || k === 'time_column') {
          const col = isScalar(v) && typeof v.value === 'string' ? identifier(v.value) : '';
          if (col === '') problem(lineOf(v, lineOf(p.key as Node)), P.badConfig('time column', 'a column name|열 이름을 써야 합니다'));
          else {
            block.timeColumn = col;
            block.timeColumnLine = lineOf(p.key as Node);
          }
        } else if (k === 'checks') {
          if (isSeq(v)) checkItems = v.items as Node[];
          else if (!(isScalar(v) && v.value === null)) problem(lineOf(v, lineOf(p.key as Node)), P.blockShape());
        } else if (k === 'columns') columnItems = v;
        else problem(lineOf(p.key as Node), P.unknownBlockKey(k));
      }
    } else {
      problem(lineOf(body, keyLine), P.blockShape());
      continue;
    }

    let n = 0;
    const add = (spec: Omit<CheckSpec, 'id' | 'dataset' | 'table' | 'block'>, name: string | null): void => {
      n++;
      const id = name ?? `${block.dataset}/${block.table}/${n}`;
      if (names.has(id)) problem(spec.line, P.duplicateName(id));
      names.add(id);
      checks.push({ ...spec, id, dataset: block.dataset, table: block.table, block: blockIndex });
    };
    for (const item of checkItems) parseSodaItem(item, add);
    if (columnItems) parseDbtColumns(columnItems, add);
  }
  if (blocks.length === 0 && problems.length === 0) problem(1, P.empty());
  return { blocks, checks, problems };

  // ------------------------------------------------------------ SodaCL items

  function parseSodaItem(item: Node, add: (spec: Omit<CheckSpec, 'id' | 'dataset' | 'table' | 'block'>, name: string | null) => void): void {
    const line = lineOf(item);
    let text: string;
    let config: YAMLMap | null = null;
    if (isScalar(item) && typeof item.value === 'string') text = item.value.trim();
    else if (isMap(item) && item.items.length === 1 && isScalar(item.items[0]?.key)) {
      const only = item.items[0] as Pair;
      text = String((only.key as { value: unknown }).value).trim();
      const v = only.value as Node | null;
      if (isMap(v)) config = v;
      else if (!(v === null || (isScalar(v) && v.value === null))) {
        problem(lineOf(v, line), P.unknownCheck(`${text}: ${String(isScalar(v) ? v.value : '…')}`));
        return;
      }
    } else {
      problem(line, P.unknownCheck(isScalar(item) ? String(item.value) : '…'));
      return;
    }
    const head = parseHead(text);
    if (!head) {
      problem(line, P.unknownCheck(text));
      return;
    }
    const spec: Omit<CheckSpec, 'id' | 'dataset' | 'table' | 'block'> = {
      type: head.type,
      column: head.columns[0] ?? null,
      columns: head.columns,
      text,
      line,
      pass: null,
      warnWhen: null,
      failWhen: null,
      missingValues: [],
      missingRegex: null,
      validity: null,
      reference: head.reference,
      failCondition: null,
      failQuery: null,
      origin: 'soda',
    };
    const durations = head.type === 'freshness';
    if (head.rest.trim() !== '') {
      const t = parseThreshold(head.rest, durations);
      if (!t) {
        problem(line, P.badThreshold(head.rest.trim()));
        return;
      }
      if (t.b !== null && t.a > t.b) {
        problem(line, P.badBetween(head.rest.trim()));
        return;
      }
      spec.pass = t;
    }
    let name: string | null = null;
    const allowed = new Set([
      ...COMMON_KEYS,
      ...(head.type === 'missing_count' || head.type === 'invalid_count' ? MISSING_KEYS : []),
      ...(head.type === 'invalid_count' ? VALIDITY_KEYS : []),
      ...(head.type === 'custom_sql' ? ['fail condition', 'fail query'] : []),
    ]);
    const validity: Validity = {
      values: null,
      min: null,
      max: null,
      format: null,
      regex: null,
      length: null,
      minLength: null,
      maxLength: null,
      invalidValues: null,
      invalidRegex: null,
    };
    let hasValidity = false;
    for (const p of config?.items ?? []) {
      const key = isScalar(p.key) ? String(p.key.value).trim().toLowerCase().replace(/_/g, ' ') : '';
      const vNode = p.value as Node | null;
      const keyLine = lineOf(p.key as Node, line);
      if (!allowed.has(key)) {
        problem(keyLine, P.unknownConfig(key, text));
        continue;
      }
      const scalar = isScalar(vNode) ? (vNode.value as Scalarish) : undefined;
      const list = isSeq(vNode) ? vNode.items.map((i) => (isScalar(i) ? (i.value as Scalarish) : undefined)) : null;
      const needString = (): string | null => {
        if (typeof scalar === 'string' && scalar.trim() !== '') return scalar;
        problem(keyLine, P.badConfig(key, 'a text|글자를 써야 합니다'));
        return null;
      };
      const needNumber = (): number | null => {
        if (typeof scalar === 'number' && Number.isFinite(scalar)) return scalar;
        problem(keyLine, P.badConfig(key, 'a number|숫자를 써야 합니다'));
        return null;
      };
      const needList = (): (string | number)[] | null => {
        if (list && list.every((x) => typeof x === 'string' || typeof x === 'number')) return list as (string | number)[];
        problem(keyLine, P.badConfig(key, "a list such as ['a', 'b']|['a', 'b'] 같은 목록을 써야 합니다"));
        return null;
      };
      const needRegex = (): string | null => {
        const r = needString();
        if (r === null) return null;
        try {
          new RegExp(r);
          return r;
        } catch (e) {
          problem(keyLine, P.badRegex(r, e instanceof Error ? e.message : String(e)));
          return null;
        }
      };
      const readValidity = VALIDITY_FIELDS[key];
      if (readValidity) {
        readValidity(validity, { list: needList, number: needNumber, regex: needRegex });
        hasValidity = true;
        continue;
      }
      switch (key) {
        case 'name':
          name = needString();
          break;
        case 'warn':
        case 'fail': {
          const when = typeof scalar === 'string' ? /^when\s+(.+)$/i.exec(scalar.trim()) : null;
          const t = when ? parseThreshold(when[1] ?? '', durations) : null;
          if (!t) problem(keyLine, P.badWhen(String(scalar ?? '')));
          else if (t.b !== null && t.a > t.b) problem(keyLine, P.badBetween(String(scalar)));
          else if (key === 'warn') spec.warnWhen = t;
          else spec.failWhen = t;
          break;
        }
        case 'missing values': {
          const v = needList();
          if (v) spec.missingValues = v;
          break;
        }
        case 'missing regex':
          spec.missingRegex = needRegex();
          break;
        case 'valid format': {
          const f = needString();
          hasValidity = true;
          if (f === null) break;
          if (!(f.trim().toLowerCase() in VALID_FORMATS)) problem(keyLine, P.badFormat(f, Object.keys(VALID_FORMATS)));
          else validity.format = f.trim().toLowerCase();
          break;
        }
        case 'fail condition':
          spec.failCondition = needString();
          break;
        case 'fail query': {
          const q = needString();
          if (q === null) break;
          const clean = q.trim().replace(/;\s*$/, '');
          if (!/^(select|with)\b/i.test(clean)) problem(keyLine, P.notSelect());
          else spec.failQuery = clean;
          break;
        }
      }
    }
    if (head.type === 'invalid_count') {
      if (!hasValidity) {
        problem(line, P.noValidity(text));
        return;
      }
      spec.validity = validity;
    }
    if (head.type === 'custom_sql' && (spec.failCondition === null) === (spec.failQuery === null)) {
      problem(line, P.failedRowsShape());
      return;
    }
    if (spec.pass && (spec.warnWhen || spec.failWhen)) {
      problem(line, P.bothThresholds(text));
      return;
    }
    if (!spec.pass && !spec.warnWhen && !spec.failWhen) {
      // A failed-rows or reference check fails on any row, as in SodaCL; a metric needs its threshold.
      if (head.type === 'custom_sql' || head.type === 'relationships') spec.pass = { op: '=', a: 0, b: null, text: '= 0' };
      else {
        problem(line, P.noThreshold(text));
        return;
      }
    }
    add(spec, name);
  }

  // ------------------------------------------------------------ dbt tests under columns:

  function parseDbtColumns(node: Node, add: (spec: Omit<CheckSpec, 'id' | 'dataset' | 'table' | 'block'>, name: string | null) => void): void {
    if (!isSeq(node)) {
      problem(lineOf(node), P.dbtShape());
      return;
    }
    for (const colNode of node.items as Node[]) {
      if (!isMap(colNode)) {
        problem(lineOf(colNode), P.dbtShape());
        continue;
      }
      const nameNode = colNode.get('name', true);
      const column = isScalar(nameNode) && typeof nameNode.value === 'string' ? identifier(nameNode.value) : '';
      if (column === '') {
        problem(lineOf(colNode), P.dbtShape());
        continue;
      }
      for (const p of colNode.items) {
        const k = isScalar(p.key) ? String(p.key.value).trim() : '';
        if (k === 'name' || k === 'description') continue;
        if (k !== 'tests' && k !== 'data_tests') {
          problem(lineOf(p.key as Node), P.dbtShape());
          continue;
        }
        if (!isSeq(p.value)) {
          problem(lineOf(p.value as Node, lineOf(p.key as Node)), P.dbtShape());
          continue;
        }
        for (const test of p.value.items as Node[]) parseDbtTest(test, column, add);
      }
    }
  }

  function parseDbtTest(
    test: Node,
    column: string,
    add: (spec: Omit<CheckSpec, 'id' | 'dataset' | 'table' | 'block'>, name: string | null) => void,
  ): void {
    const line = lineOf(test);
    let testName: string;
    let args: YAMLMap | null = null;
    if (isScalar(test) && typeof test.value === 'string') testName = test.value.trim();
    else if (isMap(test) && test.items.length === 1 && isPair(test.items[0]) && isScalar(test.items[0].key)) {
      testName = String(test.items[0].key.value).trim();
      const v = test.items[0].value as Node | null;
      if (isMap(v)) args = v;
    } else {
      problem(line, P.dbtShape());
      return;
    }
    const get = (key: string): unknown => {
      const direct = args?.get(key);
      if (direct !== undefined) return direct instanceof Object && 'toJSON' in direct ? (direct as { toJSON(): unknown }).toJSON() : direct;
      const cfg = args?.get('config');
      return isMap(cfg) ? cfg.toJSON()[key as never] : undefined;
    };
    const severity = String(get('severity') ?? 'error').toLowerCase();
    const zero: Threshold = { op: '=', a: 0, b: null, text: '= 0' };
    const base = {
      column,
      columns: [column],
      line,
      pass: severity === 'warn' ? null : zero,
      warnWhen: severity === 'warn' ? ({ op: '>', a: 0, b: null, text: '> 0' } satisfies Threshold) : null,
      failWhen: null,
      missingValues: [],
      missingRegex: null,
      validity: null,
      reference: null,
      failCondition: null,
      failQuery: null,
      origin: 'dbt' as const,
    };
    const testId = typeof get('name') === 'string' ? (get('name') as string) : null;
    switch (testName) {
      case 'not_null':
        add({ ...base, type: 'missing_count', text: `not_null(${column})` }, testId);
        return;
      case 'unique':
        add({ ...base, type: 'duplicate_count', text: `unique(${column})` }, testId);
        return;
      case 'accepted_values': {
        const values = get('values');
        if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string' || typeof v === 'number')) {
          problem(line, P.badConfig('values', "a list such as ['a', 'b']|['a', 'b'] 같은 목록을 써야 합니다"));
          return;
        }
        const validity: Validity = {
          values: values as (string | number)[],
          min: null,
          max: null,
          format: null,
          regex: null,
          length: null,
          minLength: null,
          maxLength: null,
          invalidValues: null,
          invalidRegex: null,
        };
        add({ ...base, type: 'invalid_count', text: `accepted_values(${column})`, validity }, testId);
        return;
      }
      case 'relationships': {
        const to = get('to');
        const field = get('field');
        const ref = typeof to === 'string' ? /^\s*(?:ref\(\s*['"]([^'"]+)['"]\s*\)|source\(\s*['"][^'"]+['"]\s*,\s*['"]([^'"]+)['"]\s*\)|([^\s()]+))\s*$/.exec(to) : null;
        const table = ref ? (ref[1] ?? ref[2] ?? ref[3] ?? '') : '';
        if (table === '' || typeof field !== 'string' || field.trim() === '') {
          problem(line, P.relationshipShape());
          return;
        }
        add(
          {
            ...base,
            type: 'relationships',
            text: `relationships(${column} → ${table}.${field.trim()})`,
            reference: { table, column: identifier(field) },
          },
          testId,
        );
        return;
      }
      default:
        problem(line, P.unknownDbtTest(testName));
    }
  }
}
