import { renderTemplate, TemplateError } from '../jinja/render.ts';

/**
 * Airflow's templating of a task's SQL and extract path: the run's logical date and the macros a
 * data engineer writes every day, rendered by the shared eval-free Jinja renderer
 * (core/jinja/render.ts), so `{{ ds[:7] }}` and `{{ macros.ds_add(ds, -1) }}` work as in Airflow.
 */

/** A logical date, 'YYYY-MM-DD'. */
export type Ds = string;

const DS = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isDs(value: string): boolean {
  const m = DS.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Airflow's macros.ds_add: the date `days` days after `ds` (before, when negative). */
export function dsAdd(ds: Ds, days: number): Ds {
  if (!isDs(ds)) throw new Error(`ds_add: '${String(ds)}' is not a date written YYYY-MM-DD`);
  if (!Number.isInteger(days)) throw new Error(`ds_add: the number of days must be a whole number, not ${String(days)}`);
  const [y, m, d] = ds.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Airflow's macros.ds_format: a date string re-written from one strftime format to another (%Y %m %d only). */
export function dsFormat(value: string, input: string, output: string): string {
  const parts: Record<string, string> = {};
  let re = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (c === '%' && i + 1 < input.length) {
      const code = input[++i] as string;
      if (code === 'Y') re += '(?<Y>\\d{4})';
      else if (code === 'm') re += '(?<m>\\d{2})';
      else if (code === 'd') re += '(?<d>\\d{2})';
      else throw new Error(`ds_format: %${code} is not supported (only %Y, %m and %d)`);
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(value);
  if (!m?.groups) throw new Error(`ds_format: '${value}' does not match '${input}'`);
  Object.assign(parts, m.groups);
  return output.replace(/%([Ymd])/g, (_all, code: string) => parts[code] ?? '');
}

/** The template variables of one run: ds, ds_nodash, prev_ds, next_ds, macros.ds_add and macros.ds_format. */
export function templateContext(ds: Ds): Record<string, unknown> {
  if (!isDs(ds)) throw new Error(`'${ds}' is not a logical date written YYYY-MM-DD`);
  return {
    ds,
    ds_nodash: ds.replace(/-/g, ''),
    prev_ds: dsAdd(ds, -1),
    next_ds: dsAdd(ds, 1),
    prev_ds_nodash: dsAdd(ds, -1).replace(/-/g, ''),
    next_ds_nodash: dsAdd(ds, 1).replace(/-/g, ''),
    logical_date: `${ds}T00:00:00+00:00`,
    macros: { ds_add: dsAdd, ds_format: dsFormat },
  };
}

/** A template that could not be rendered: which task, which of its fields, and the line in that text. */
export class TaskTemplateError extends Error {
  readonly task: string;
  readonly field: 'sql' | 'path';
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(task: string, field: 'sql' | 'path', cause: unknown) {
    const where = cause instanceof TemplateError && cause.line !== undefined ? ` at line ${cause.line}` : '';
    const what = cause instanceof Error ? cause.message : String(cause);
    super(`Task '${task}': the ${field === 'sql' ? 'SQL' : 'lake path'} template cannot be rendered${where}: ${what}`, { cause });
    this.name = 'TaskTemplateError';
    this.task = task;
    this.field = field;
    this.line = cause instanceof TemplateError ? cause.line : undefined;
    this.column = cause instanceof TemplateError ? cause.column : undefined;
  }
}

/** Renders a task's SQL or path for the logical date; errors name the task and the line. */
export function renderTaskTemplate(task: string, field: 'sql' | 'path', text: string, ds: Ds): string {
  // Text without template syntax is returned as it is (the renderer would drop a final newline).
  if (!/\{\{|\{%|\{#/.test(text)) return text;
  try {
    return renderTemplate(text, templateContext(ds));
  } catch (e) {
    throw new TaskTemplateError(task, field, e);
  }
}
