import { z } from 'zod';
import type { Verdict } from '../../grading/compare.ts';
import { plainTitles } from '../../charts/lesson-chart.ts';
import { LocalizedSchema } from '../localized.ts';
import { DatabaseShape, SqlSchema, StepBaseShape } from '../step-base.ts';
import { defineStepKind, type DefinitionFindings, type StepCheckContext } from '../step-kind.ts';
import { checkDatabase, merge, resultOn } from './sql-checks.ts';

/** A read step: prose from the markdown, optionally a chart drawn from a Vega-Lite spec over a query. */

/**
 * A chart: the query gives the data, the spec (without `data`) says how to draw it, and `titles`
 * names each encoded field in Korean and English (the axes and legends speak the UI language).
 */
export const ChartSchema = z
  .strictObject({
    sql: SqlSchema,
    database: DatabaseShape.database,
    /** A Vega-Lite spec without `data`: the app feeds it the query's rows. */
    spec: z.record(z.string(), z.unknown()).refine((s) => !('data' in s), 'leave out "data": the chart draws the query\'s rows'),
    /** The title of each encoded field, by field name: `{ "month": { "ko": "월", "en": "Month" } }`. */
    titles: z.record(z.string(), LocalizedSchema).default({}),
  })
  .superRefine((chart, ctx) => {
    for (const path of plainTitles(chart.spec)) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', ...path.split('.')],
        message: `a chart title must be localised: write { "ko": …, "en": … } or give the field's title in "titles" (${path})`,
      });
    }
    const fields = specFields(chart.spec);
    for (const field of fields) {
      if (!chart.titles[field] && !hasOwnTitle(chart.spec, field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['titles'],
          message: `the chart encodes field '${field}' with no title in Korean and English: add "titles": { "${field}": { "ko": …, "en": … } }`,
        });
      }
    }
    for (const field of Object.keys(chart.titles)) {
      if (!fields.includes(field)) ctx.addIssue({ code: 'custom', path: ['titles', field], message: `the chart encodes no field '${field}'` });
    }
  });

// A field whose every encoding carries a localised title (or none: title null) needs no entry in titles.
function hasOwnTitle(spec: unknown, field: string): boolean {
  let seen = false;
  let all = true;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.field === field) {
        seen = true;
        if (!('title' in o)) all = false;
      }
      Object.values(o).forEach(visit);
    }
  };
  visit(spec);
  return seen && all;
}

/** A read step as written in lesson.json. */
export const ReadStepSchema = z.strictObject({
  kind: z.literal('read'),
  ...StepBaseShape,
  chart: ChartSchema.optional(),
});

/** A read step. */
export type ReadStep = z.output<typeof ReadStepSchema>;

/** Field names a Vega-Lite spec's encodings use (including layered and faceted specs). */
export function specFields(spec: unknown): string[] {
  const fields = new Set<string>();
  const visit = (node: unknown, inEncoding: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, inEncoding);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (inEncoding && key === 'field' && typeof value === 'string') fields.add(value);
        visit(value, inEncoding || key === 'encoding');
      }
    }
  };
  visit(spec, false);
  return [...fields];
}

const PASS: Verdict = { pass: true, messages: [], expected: null, actual: null };

function checkRead(step: ReadStep, ctx: StepCheckContext): DefinitionFindings {
  return step.chart ? checkChart(step.chart, ctx) : { problems: [], warnings: [] };
}

/** A step's chart: its query runs and returns every field the spec encodes. */
export function checkChart(chart: z.output<typeof ChartSchema>, ctx: StepCheckContext): DefinitionFindings {
  const database = chart.database ?? ctx.lesson.dataset;
  const base = checkDatabase(ctx, database, undefined);
  if (base.problems.length > 0) return base;
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const result = resultOn(ctx, database, undefined, chart.sql);
  if (typeof result === 'string') {
    found.problems.push(`the chart query fails: ${result}`);
  } else {
    const columns = result.columns.map((c) => c.name);
    for (const field of specFields(chart.spec)) {
      if (!columns.includes(field)) found.problems.push(`the chart encodes field '${field}' but the query returns ${columns.join(', ')}`);
    }
  }
  return merge(base, found);
}

/** The read step kind: nothing to answer, always passes ("continue"). */
export const readStep = defineStepKind({
  kind: 'read',
  schema: ReadStepSchema,
  gradable: false,
  answerSchema: z.object({}),
  answerDescription: 'nothing',
  answerFromText: () => ({}),
  grade: () => PASS,
  samples: () => ({ solution: {}, starter: null, knownWrong: [] }),
  databases: (step, lesson) => (step.chart ? [step.chart.database ?? lesson.dataset] : []),
  checkDefinition: (step, ctx) => checkRead(step, ctx),
});
