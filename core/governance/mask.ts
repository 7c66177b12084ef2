import type { Database, SqlValue } from 'sql.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Localized } from '../datasets/catalog.ts';
import { failedMaskCheck } from './mask-failed.ts';
import { canonicalText, registerPseudonym } from './mask-pseudonym.ts';
import { readsOf, statementLineage, type OutputColumn } from './pii-lineage.ts';
import type { MaskCheck } from './types.ts';

/*
 * The masked-view check: does a view meant for analysts keep people out of it? No direct
 * identifier may remain, judged twice: by lineage (the view's SQL parsed, a column carrying
 * customers.email as it is, under any alias, through any subquery) and by value (no e-mail, phone,
 * name or street of the base tables appears in any cell, whatever the SQL looked like). Ids must
 * be pseudonyms: no raw id, and values that change when the key changes (the check re-registers
 * pseudonym() under a second key and reads the view again). Rows must reconcile with the base
 * table, and k-anonymity over the quasi-identifiers says how small the smallest crowd is.
 * Node / worker only (it parses SQL with node-sql-parser).
 */

export { canonicalText, pseudonymOf, registerPseudonym, newWorkspaceKey, KEY_PATTERN } from './mask-pseudonym.ts';

/** One group of rows sharing their quasi-identifier values. */
export interface KGroup {
  values: Record<string, string | number | null>;
  count: number;
  /** Up to `rowsPerGroup` of its rows, every column of the view. */
  rows: { columns: string[]; rows: (string | number | null)[][] };
}

/** k-anonymity of a view over some columns. */
export interface KAnonymity {
  /** The size of the smallest group (0 for an empty view; the row count when no column is given). */
  k: number;
  /** How many groups there are. */
  groups: number;
  rowCount: number;
  /** The smallest groups, smallest first (ties in the order of their values, NULL first). */
  smallest: KGroup[];
}

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function cell(v: SqlValue): string | number | null {
  if (v === null || typeof v === 'number' || typeof v === 'string') return v;
  return `x'${bytesToHex(v)}'`;
}

function all(db: Database, sql: string, params: SqlValue[] = []): { columns: string[]; rows: SqlValue[][] } {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: SqlValue[][] = [];
    while (stmt.step()) rows.push(stmt.get());
    return { columns: stmt.getColumnNames(), rows };
  } finally {
    stmt.free();
  }
}

/**
 * k-anonymity of `view` over the `quasi` columns: the rows grouped by those columns' values (NULL
 * is a value of its own, as GROUP BY groups it), k the smallest group's size, and the smallest
 * groups with a few of their rows: the people an attacker could single out.
 */
export function kAnonymity(
  db: Database,
  view: string,
  quasi: readonly string[],
  opts: { groups?: number; rowsPerGroup?: number } = {},
): KAnonymity {
  const limit = opts.groups ?? 20;
  const perGroup = opts.rowsPerGroup ?? 5;
  const rowCount = Number(all(db, `SELECT count(*) FROM ${q(view)}`).rows[0]?.[0] ?? 0);
  if (quasi.length === 0) {
    return { k: rowCount, groups: rowCount > 0 ? 1 : 0, rowCount, smallest: [] };
  }
  const cols = quasi.map(q).join(', ');
  const grouped = all(
    db,
    `SELECT ${cols}, count(*) AS __n, count(*) OVER () AS __groups FROM ${q(view)} GROUP BY ${cols} ORDER BY __n, ${quasi.map((_, i) => i + 1).join(', ')} LIMIT ${limit}`,
  );
  const groups = Number(grouped.rows[0]?.[quasi.length + 1] ?? 0);
  const smallest = grouped.rows.map((r) => {
    const values: Record<string, string | number | null> = {};
    quasi.forEach((c, i) => (values[c] = cell(r[i] ?? null)));
    const where = quasi.map((c) => `${q(c)} IS ?`).join(' AND ');
    const members = all(
      db,
      `SELECT * FROM ${q(view)} WHERE ${where} LIMIT ${perGroup}`,
      quasi.map((_, i) => r[i] ?? null),
    );
    return { values, count: Number(r[quasi.length]), rows: { columns: members.columns, rows: members.rows.map((m) => m.map(cell)) } };
  });
  return { k: Number(grouped.rows[0]?.[quasi.length] ?? 0), groups, rowCount, smallest };
}

/** What checkMaskedView checks a view against. Column names are 'table.column' of the base tables. */
export interface MaskCheckOptions {
  view: string;
  /** The table the view must reconcile with (one view row per base row). */
  base: string;
  /** The view's quasi-identifier columns k is computed over (those present in the view). */
  quasi: readonly string[];
  /** Direct identifiers of the base tables: 'customers.email', 'addresses.street' … */
  directColumns: readonly string[];
  /** Person ids that must appear only as pseudonyms: 'customers.customer_id' (any table's column of that name is the same id). */
  idColumns: readonly string[];
  /** The key pseudonym() is registered with on `db` (64 hex). */
  key: string;
  /** A second key to prove the ids are keyed (default: derived from the first). */
  otherKey?: string;
  /** Quasi-identifier columns of the base tables ('customers.birth_date'): a view column carrying one counts for k too. */
  quasiSources?: readonly string[];
  /** The smallest k that passes (default 2: nobody alone in a group). */
  minK?: number;
}

const L = (ko: string, en: string): Localized => ({ ko, en });

function split(qualified: string): { table: string; column: string } {
  const dot = qualified.indexOf('.');
  return dot < 0 ? { table: '', column: qualified } : { table: qualified.slice(0, dot), column: qualified.slice(dot + 1) };
}

/** Forms of a text under which a direct identifier is recognised: trimmed lowercase, a phone's digits, e-mails inside it. */
function variants(text: string): string[] {
  const t = text.normalize('NFC').trim().toLowerCase();
  if (t.length < 2) return [];
  const out = [t];
  if (/^[+\d\s().-]+$/.test(t)) {
    let digits = t.replace(/\D/g, '');
    if (digits.startsWith('82') && digits.length >= 11) digits = `0${digits.slice(2)}`;
    if (digits.length >= 9) out.push(`#${digits}`);
  }
  for (const m of t.matchAll(/[^\s@<>()[\]"',;]+@[^\s@<>()[\]"',;]+\.[a-z]{2,}/g)) out.push(m[0]);
  return out;
}

function tableColumns(db: Database): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const names = all(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").rows;
  for (const [name] of names) {
    const table = String(name);
    out[table] = all(db, `SELECT name FROM pragma_table_info(?)`, [table]).rows.map((r) => String(r[0]));
  }
  return out;
}

function views(db: Database): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, sql] of all(db, "SELECT name, sql FROM sqlite_master WHERE type = 'view'").rows) out[String(name)] = String(sql ?? '');
  return out;
}

/** The view's rows under the currently registered key, by column. */
function readView(db: Database, view: string): { columns: string[]; rows: SqlValue[][] } {
  return all(db, `SELECT * FROM ${q(view)}`);
}

function hasColumn(schema: Record<string, string[]>, table: string, column: string): string | null {
  const t = Object.keys(schema).find((n) => n.toLowerCase() === table.toLowerCase());
  if (!t) return null;
  const c = schema[t]?.find((n) => n.toLowerCase() === column.toLowerCase());
  return c ? t : null;
}

/** A masked view's check with what the panel shows beyond MaskCheck. */
export interface MaskCheckDetail extends MaskCheck {
  /** Columns whose values changed when the key changed: the pseudonyms. */
  keyedColumns: string[];
  /** Id columns ('customers.customer_id') with no pseudonymised column in the view. */
  missingIds: string[];
  /** The smallest groups with a few of their rows (smallestGroups with the rows that make k small). */
  groups: KGroup[];
}

/**
 * Checks a masked view on `db`, where the learner's SQL has created it with pseudonym() registered
 * under `key`. Leaves pseudonym() registered under `key` again when it returns.
 */
export function checkMaskedView(db: Database, opts: MaskCheckOptions): MaskCheckDetail {
  const minK = opts.minK ?? 2;
  const messages: Localized[] = [];
  const found = all(db, "SELECT name, type, sql FROM sqlite_master WHERE name = ? COLLATE NOCASE AND type IN ('view', 'table')", [
    opts.view,
  ]).rows[0];
  if (!found) {
    messages.push(
      L(
        `${opts.view} 뷰가 없습니다. CREATE VIEW ${opts.view} AS …로 만드십시오.`,
        `There is no view ${opts.view}. Create it with CREATE VIEW ${opts.view} AS ….`,
      ),
    );
    return failedMaskCheck(opts.view, messages);
  }
  const view = String(found[0]);
  if (found[1] !== 'view') {
    messages.push(
      L(
        `${view}: 뷰가 아니라 테이블입니다. 테이블은 원본이 바뀌어도 그대로 남으므로 CREATE VIEW로 만드십시오.`,
        `${view} is a table, not a view: a copy goes stale when the source changes. Create it with CREATE VIEW.`,
      ),
    );
  }
  const schema = tableColumns(db);
  const first = readView(db, view);
  const columns = first.columns;

  // ---- lineage of the view's SQL
  let lineage: OutputColumn[] | null = null;
  if (found[1] === 'view') {
    const result = statementLineage(String(found[2] ?? ''), { tables: schema, views: views(db) });
    if (result.ok) lineage = result.statements[0]?.columns ?? null;
  }
  if (lineage === null && found[1] === 'view')
    messages.push(
      L(
        '뷰의 SQL을 해석하지 못해 열의 출처는 확인하지 못했고, 값으로만 확인했습니다.',
        "The view's SQL could not be parsed, so where its columns come from was not traced; only the values were checked.",
      ),
    );
  const directSet = new Set(opts.directColumns.map((d) => d.toLowerCase()));
  const directLeft: MaskCheck['directLeft'] = [];
  for (const col of lineage ?? []) {
    for (const s of col.sources) {
      const source = `${s.table}.${s.column}`;
      if (s.via === 'raw' && directSet.has(source.toLowerCase()) && !directLeft.some((d) => d.column === col.name && d.source === source))
        directLeft.push({ column: col.name, source, how: 'lineage' });
    }
  }

  // ---- direct identifiers by value
  const known = new Map<string, string>();
  for (const d of opts.directColumns) {
    const { table, column } = split(d);
    const t = hasColumn(schema, table, column);
    if (!t) continue;
    const col = schema[t]?.find((n) => n.toLowerCase() === column.toLowerCase()) ?? column;
    for (const [v] of all(db, `SELECT DISTINCT ${q(col)} FROM ${q(t)} WHERE ${q(col)} IS NOT NULL`).rows) {
      if (typeof v !== 'string') continue;
      for (const form of variants(v)) if (!known.has(form)) known.set(form, `${t}.${col}`);
    }
  }
  columns.forEach((name, i) => {
    const hits = new Set<string>();
    for (const row of first.rows) {
      const v = row[i];
      if (typeof v !== 'string') continue;
      for (const form of variants(v)) {
        const source = known.get(form);
        if (source) hits.add(source);
      }
      if (hits.size >= opts.directColumns.length) break;
    }
    for (const source of hits)
      if (!directLeft.some((d) => d.column === name && d.source === source)) directLeft.push({ column: name, source, how: 'value' });
  });

  // ---- pseudonymised ids: values that change with the key, no raw ids
  const otherKey = opts.otherKey ?? bytesToHex(sha256(utf8ToBytes(`datalit-second-key:${opts.key}`)));
  let second: { columns: string[]; rows: SqlValue[][] };
  try {
    registerPseudonym(db, otherKey);
    second = readView(db, view);
  } finally {
    registerPseudonym(db, opts.key);
  }
  const keyedColumns = columns.filter((_, i) => first.rows.some((r, n) => r[i] !== null && r[i] !== second.rows[n]?.[i]));
  const idNames = new Set(opts.idColumns.map((c) => split(c).column.toLowerCase()));
  const rawIds: string[] = [];
  for (const col of lineage ?? []) {
    if (col.sources.some((s) => s.via === 'raw' && idNames.has(s.column.toLowerCase())) && !rawIds.includes(col.name))
      rawIds.push(col.name);
  }
  for (const id of opts.idColumns) {
    const { table, column } = split(id);
    const t = hasColumn(schema, table, column);
    if (!t) continue;
    const ids = new Set(
      all(db, `SELECT DISTINCT ${q(column)} FROM ${q(t)} WHERE ${q(column)} IS NOT NULL`).rows.map((r) => canonicalText(r[0])),
    );
    columns.forEach((name, i) => {
      if (keyedColumns.includes(name) || rawIds.includes(name)) return;
      const values = new Set(first.rows.map((r) => canonicalText(r[i] ?? null)).filter((v): v is string => v !== null));
      // A column of raw ids: every value is an id, and there are as many as a per-person column would have.
      if (values.size >= 2 && values.size * 2 >= Math.min(ids.size, first.rows.length) && [...values].every((v) => ids.has(v)))
        rawIds.push(name);
    });
  }
  const missingIds = opts.idColumns.filter((id) => {
    const name = split(id).column.toLowerCase();
    return !keyedColumns.some((k) => {
      const col = lineage?.find((c) => c.name.toLowerCase() === k.toLowerCase());
      return col ? col.sources.some((s) => s.via === 'keyed' && s.column.toLowerCase() === name) : true;
    });
  });

  // ---- rows reconcile
  const baseTable = Object.keys(schema).find((n) => n.toLowerCase() === opts.base.toLowerCase()) ?? opts.base;
  let baseRows: number;
  try {
    baseRows = Number(all(db, `SELECT count(*) FROM ${q(baseTable)}`).rows[0]?.[0] ?? 0);
  } catch {
    // No such base table: nothing reconciles with it.
    baseRows = 0;
  }
  const rows = { view: first.rows.length, base: baseRows, reconciles: first.rows.length === baseRows };

  // ---- k-anonymity over the quasi-identifiers present
  const lowerCols = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const quasi: string[] = [];
  for (const c of opts.quasi) {
    const actual = lowerCols.get(c.toLowerCase());
    if (actual && !quasi.includes(actual)) quasi.push(actual);
  }
  const quasiSources = new Set((opts.quasiSources ?? []).map((s) => s.toLowerCase()));
  for (const col of lineage ?? []) {
    const actual = lowerCols.get(col.name.toLowerCase());
    if (!actual || quasi.includes(actual) || keyedColumns.includes(actual) || rawIds.includes(actual)) continue;
    if (directLeft.some((d) => d.column === actual)) continue;
    // Whatever the column reads, not only the values it carries: a band made with CASE WHEN birth_date < … THEN '1970s' …
    // (or substr/strftime of it, or a band table joined on it) is a generalised quasi-identifier, and k is counted over it.
    if (readsOf(col).some((s) => quasiSources.has(`${s.table}.${s.column}`.toLowerCase()) && !idNames.has(s.column.toLowerCase())))
      quasi.push(actual);
  }
  const anonymity = kAnonymity(db, view, quasi);
  const smallestGroups = anonymity.smallest.map((g) => ({ values: g.values, count: g.count }));

  // ---- messages
  for (const d of directLeft) {
    messages.push(
      d.how === 'lineage'
        ? L(
            `${d.column} 열이 ${d.source} 값을 그대로 내보냅니다. 직접 식별자는 뷰에서 빼십시오.`,
            `Column ${d.column} passes ${d.source} through as it is: leave direct identifiers out of the view.`,
          )
        : L(
            `${d.column} 열에 ${d.source}의 실제 값이 들어 있습니다. 직접 식별자는 이름을 바꿔도 값이 그대로면 드러납니다.`,
            `Column ${d.column} holds real values of ${d.source}: a direct identifier leaks by its values, whatever the column is called.`,
          ),
    );
  }
  for (const c of rawIds)
    messages.push(
      L(
        `${c} 열이 가명처리하지 않은 id입니다. pseudonym(${c})처럼 키로 가명처리하십시오.`,
        `Column ${c} holds raw ids: pseudonymise them with the key, e.g. pseudonym(${c}).`,
      ),
    );
  for (const id of missingIds)
    messages.push(
      L(
        `${split(id).column} 열을 pseudonym()으로 가명처리한 열이 없습니다. 분석가가 행을 이을 수 있게 가명 id를 넣으십시오.`,
        `No column holds ${split(id).column} pseudonymised with pseudonym(): include a pseudonymous id so analysts can still join rows.`,
      ),
    );
  if (!rows.reconciles)
    messages.push(
      L(
        `뷰의 행은 ${rows.view}개인데 ${baseTable}의 행은 ${rows.base}개입니다. 마스킹은 행을 더하거나 빼지 않아야 합니다(조인이 행을 늘렸거나 WHERE가 뺐는지 확인하십시오).`,
        `The view has ${rows.view} rows but ${baseTable} has ${rows.base}: masking must not add or drop rows (a join that repeats rows, a WHERE that drops them?).`,
      ),
    );
  if (quasi.length > 0 && anonymity.k < minK) {
    const g = smallestGroups[0];
    const values = g
      ? Object.entries(g.values)
          .map(([c, v]) => `${c} = ${v === null ? 'NULL' : String(v)}`)
          .join(', ')
      : '';
    messages.push(
      L(
        `k = ${anonymity.k}: ${quasi.join(', ')} 값이 같은 사람이 ${anonymity.k}명뿐인 묶음이 있습니다(${values}). 연령대나 지역처럼 더 넓게 일반화해 모든 묶음이 ${minK}명 이상이 되게 하십시오.`,
        `k = ${anonymity.k}: a group of only ${anonymity.k} share ${quasi.join(', ')} (${values}). Generalise further (wider age bands, larger regions) until every group has at least ${minK}.`,
      ),
    );
  }
  const passed =
    found[1] === 'view' &&
    directLeft.length === 0 &&
    rawIds.length === 0 &&
    missingIds.length === 0 &&
    rows.reconciles &&
    (quasi.length === 0 || anonymity.k >= minK);
  if (passed)
    messages.push(
      L(
        `통과: 직접 식별자가 없고, id는 키로 가명처리되었으며, 행 ${rows.view}개가 ${baseTable} 테이블과 맞고, k = ${anonymity.k}입니다.`,
        `Passed: no direct identifier, ids keyed, ${rows.view} rows reconcile with ${baseTable}, k = ${anonymity.k}.`,
      ),
    );
  return {
    view,
    passed,
    directLeft,
    rawIds,
    rows,
    quasi,
    k: anonymity.k,
    smallestGroups,
    messages,
    keyedColumns,
    missingIds,
    groups: anonymity.smallest,
  };
}
