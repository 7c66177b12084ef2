import { hanbitCatalogue } from '../../governance/pii-hanbit.ts';
import { gradePii, type PiiGradeSpec } from '../../grading/pii-grader.ts';
import { defineStepKind, type DefinitionFindings } from '../step-kind.ts';
import { PiiAnswerSchema, PiiStepSchema, type PiiAnswer, type PiiStep } from './governance-schemas.ts';
import { jsonAnswerFromText } from './workbench-refs.ts';

/**
 * A pii step: the learner tags the listed catalogue columns (direct identifier, quasi-identifier,
 * sensitive, none); graded against the data dictionary's classes, every difference named with its
 * reason (core/grading/pii-grader.ts). The command-line answer is JSON
 * `{ "tags": { "hanbit-prod.customers.email": "direct", … } }`.
 *
 *   { "kind": "pii", "id": "tag-customers", …, "columns": ["hanbit-prod.customers.email", "hanbit-prod.customers.birth_date"],
 *     "knownWrong": [{ "tags": { "hanbit-prod.customers.email": "direct", "hanbit-prod.customers.birth_date": "direct" },
 *       "expect": ["pii-tag-differs"] }] }
 */

function spec(step: PiiStep): PiiGradeSpec {
  return { columns: step.columns, knownWrong: step.knownWrong.map((k) => ({ tags: k.tags, feedback: k.feedback })) };
}

/** The reference tags of the step's columns (the solution). */
export function referenceTags(step: Pick<PiiStep, 'columns'>): PiiAnswer['tags'] {
  const byKey = new Map(hanbitCatalogue().map((e) => [e.key, e]));
  const tags: PiiAnswer['tags'] = {};
  for (const key of step.columns) {
    const entry = byKey.get(key);
    if (entry) tags[key] = entry.reference;
  }
  return tags;
}

function checkPii(step: PiiStep): DefinitionFindings {
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const keys = new Set(hanbitCatalogue().map((e) => e.key));
  step.columns.forEach((key, i) => {
    if (!keys.has(key)) found.problems.push(`column '${key}' is not in the catalogue`);
    if (step.columns.indexOf(key) !== i) found.problems.push(`column '${key}' is listed twice`);
  });
  const classes = new Set(Object.values(referenceTags(step)));
  if (classes.size < 2) found.warnings.push('every listed column has the same class: a learner could pass by tagging all alike');
  step.knownWrong.forEach((k, i) => {
    for (const key of Object.keys(k.tags))
      if (!step.columns.includes(key)) found.problems.push(`known-wrong answer ${i + 1} tags '${key}', which the step does not list`);
  });
  return found;
}

/** The pii step kind. */
export const piiStep = defineStepKind({
  kind: 'pii',
  schema: PiiStepSchema,
  gradable: true,
  answerSchema: PiiAnswerSchema,
  answerDescription: 'JSON { "tags": { "<catalogue key>": "direct" | "quasi" | "sensitive" | "none" } }',
  answerFromText: (text) => jsonAnswerFromText(text) as PiiAnswer,
  grade: (step, answer) => gradePii(spec(step), answer, hanbitCatalogue()),
  samples: (step) => ({
    solution: { tags: referenceTags(step) },
    starter: { tags: {} },
    knownWrong: step.knownWrong.map((k) => ({ answer: { tags: k.tags }, expect: k.expect, feedback: k.feedback })),
  }),
  databases: () => [],
  checkDefinition: (step) => checkPii(step),
});
