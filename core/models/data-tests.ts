import type { DataTestDef } from './load-project.ts';

/**
 * The SQL of dbt's generic data tests, as dbt-core's default macros write it: a test is a query
 * whose rows are failures. Its semantics are dbt's, NULLs included:
 * - unique: NULLs are not duplicates of each other (`where col is not null`);
 * - not_null: every NULL row fails;
 * - accepted_values: `NULL not in (...)` is NULL, not true, so a NULL passes;
 * - relationships: NULL children are ignored; a child without a parent row fails.
 */

/** A SQL string literal. */
function literal(v: unknown): string {
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** A column as dbt writes it in tests: as given (dbt does not quote unless `quote: true` on the column). */
function col(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/**
 * The SQL of a generic test on `model` (a relation or a parenthesised subquery); for relationships,
 * `to` is the parent relation.
 */
export function genericTestSql(test: DataTestDef, model: string, to?: string): string {
  const c = col(test.columnName ?? '');
  switch (test.kind) {
    case 'unique':
      return [
        'select',
        `    ${c} as unique_field,`,
        '    count(*) as n_records',
        '',
        `from ${model}`,
        `where ${c} is not null`,
        `group by ${c}`,
        'having count(*) > 1',
      ].join('\n');
    case 'not_null':
      return [`select *`, `from ${model}`, `where ${c} is null`].join('\n');
    case 'accepted_values': {
      const values = Array.isArray(test.args.values) ? test.args.values : [test.args.values];
      const quote = test.args.quote !== false;
      const list = values.map((v) => (quote ? literal(v) : String(v))).join(', ');
      return [
        'with all_values as (',
        '',
        '    select',
        `        ${c} as value_field,`,
        '        count(*) as n_records',
        '',
        `    from ${model}`,
        `    group by ${c}`,
        '',
        ')',
        '',
        'select *',
        'from all_values',
        'where value_field not in (',
        `    ${list}`,
        ')',
      ].join('\n');
    }
    case 'relationships': {
      const field = col(String(test.args.field ?? ''));
      return [
        'with child as (',
        `    select ${c} as from_field`,
        `    from ${model}`,
        `    where ${c} is not null`,
        '),',
        '',
        'parent as (',
        `    select ${field} as to_field`,
        `    from ${to ?? ''}`,
        ')',
        '',
        'select',
        '    from_field',
        '',
        'from child',
        'left join parent',
        '    on child.from_field = parent.to_field',
        '',
        'where parent.to_field is null',
      ].join('\n');
    }
    default:
      throw new Error(`Not a generic test: ${test.kind}`);
  }
}
