/**
 * A model project (ELT, dbt-shaped) is its files, by path relative to the project root, exactly as
 * in a dbt project folder: `dbt_project.yml`, `models/**\/*.sql`, `models/**\/*.yml`,
 * `macros/*.sql`, `seeds/*.csv`, `tests/*.sql`. The workbench edits these, a lesson step's answer
 * is one, `npm run models` reads one from a folder or zip, and export writes one back. Keeping the
 * project as plain files is what makes import and export of real dbt projects lossless.
 */

/** A model project: file path (forward slashes, relative to the project root) to its text. */
export interface ModelProjectFiles {
  files: Record<string, string>;
}

/** What a model or test looks like on the lineage graph and in the build log. */
export type BuildNodeState = 'pending' | 'running' | 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';
