import type { ModelMessageTemplates } from '../messages.ts';

/** English texts of the model workbench's messages. */

function list(items: string[]): string {
  return items.map((i) => `'${i}'`).join(', ');
}

/** The English table. */
export const en: ModelMessageTemplates = {
  'no-project-file': () => 'The project has no dbt_project.yml. Add one with at least a name (name: my_project).',
  'yaml-syntax': (p) => `This YAML cannot be read: ${p.message}`,
  'yaml-shape': (p) => `This YAML is not in the expected shape: ${p.what}`,
  'jinja-syntax': (p) => `Jinja syntax error: ${p.message}. Check that every {{ has its }}, every {% has its %}, and every if/for has its endif/endfor.`,
  'jinja-error': (p) => `Jinja error while compiling: ${p.message}`,
  'ref-missing': (p) =>
    `ref('${p.name}') names a model that does not exist.` +
    (p.suggestions.length > 0 ? ` Did you mean ${list(p.suggestions)}?` : ' Check the file name under models/ (the model name is the file name without .sql).'),
  'source-missing': (p) =>
    `source('${p.source}', '${p.table}') is not declared in any YAML file under sources:.` +
    (p.suggestions.length > 0 ? ` Declared ones that look close: ${p.suggestions.join(', ')}.` : ''),
  'var-missing': (p) => `var('${p.name}') has no value: set it under vars: in dbt_project.yml or give a default, var('${p.name}', ...).`,
  'duplicate-model': (p) => `Two models are named '${p.name}' (also ${p.other}). Model names must be unique: rename one file.`,
  'test-unknown': (p) =>
    `The test '${p.test}' is not one this workbench knows. Use unique, not_null, accepted_values or relationships, or write a SQL test under tests/.`,
  'test-args': (p) => `The test '${p.test}' needs '${p.missing}'.`,
  'yaml-model-missing': (p) => `The YAML describes a model '${p.name}' but there is no models/…/${p.name}.sql.`,
  'materialized-unknown': (p) => `materialized='${p.value}' is not known: use view, table, incremental or ephemeral.`,
  cycle: (p) => `These models refer to each other in a circle, so none can be built first: ${p.cycle.join(' → ')} → ${p.cycle[0] ?? ''}.`,
  'seed-parse': (p) => `This CSV seed cannot be read: ${p.message}`,
  'database-missing': (p) => `The database '${p.database}' (vars: datalit_database) is not available.`,
  'source-table-missing': (p) =>
    `The source ${p.source}.${p.table} points to the table '${p.identifier}', which is not in the database.`,
  'sql-error': (p) => `SQL error: ${p.message}`,
  'upstream-failed': (p) => `Skipped because '${p.node}', which this depends on, failed.`,
  'test-failed-upstream': (p) => `Skipped because the test '${p.test}' on '${p.model}', which this depends on, failed.`,
  'test-failures': (p) => `${p.count} failing ${p.count === 1 ? 'row' : 'rows'}.`,
  'relationships-to': (p) => `relationships needs to: ref('model') or to: source('src', 'table'); got '${p.value}'.`,
  cancelled: () => 'The build was cancelled.',
};
