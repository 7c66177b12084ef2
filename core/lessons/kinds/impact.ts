import { gradeImpact, expectedImpact, type ImpactGradeAnswer, type ImpactGradeSpec } from '../../grading/impact-grader.ts';
import { referenceLineageInputs } from '../../governance/lineage-inputs.ts';
import type { LineageGraph } from '../../governance/types.ts';
import { defineStepKind, type DefinitionFindings } from '../step-kind.ts';
import { ImpactAnswerSchema, ImpactStepSchema, type ImpactStep } from './governance-schemas.ts';
import { gradeOrLessonError, jsonAnswerFromText, pipelineOf, projectOf, resolvePipelineRef, resolveProjectRef } from './workbench-refs.ts';

/**
 * An impact step: a source is broken; the learner picks it on the lineage graph, marks what it
 * affects (the downstream nodes of the `mark` kinds) and the owner teams to tell. Graded against the
 * company's lineage built from the step's reference files (the ETL pipeline and the dbt project,
 * lessons/_reference/ by default), the published metrics and the starter dashboard: never the
 * learner's own dashboards. The command-line answer is JSON
 * `{ "source": "table:hanbit-prod.payments", "affected": ["metric:net-revenue", …], "owners": ["commerce", …] }`.
 *
 *   { "kind": "impact", "id": "who-to-tell", …, "source": "table:hanbit-prod.payments", "mark": ["metric", "tile"],
 *     "owners": true, "knownWrong": [{ "source": "table:hanbit-prod.payments", "affected": ["metric:net-revenue"], "expect": ["impact-missing"] }] }
 *
 * The lineage is built by parsing SQL (node-sql-parser), which must never load on the renderer's
 * main thread: this file imports it lazily, in grading and checking only.
 */

/** Built graphs by their reference files, the last few (the grader sees a fresh copy of the step each time). */
const graphs = new Map<string, LineageGraph>();

function referenceKey(step: ImpactStep): string {
  return JSON.stringify(step.lineage);
}

/** The company's lineage for a step (resolved reference files), built once per set of files. */
export async function stepLineage(step: ImpactStep): Promise<LineageGraph> {
  const key = referenceKey(step);
  const cached = graphs.get(key);
  if (cached) return cached;
  const pipeline = pipelineOf(step.lineage.pipeline);
  const project = projectOf(step.lineage.project);
  if (!pipeline || !project) throw new Error('the impact step’s reference files were not resolved (load the lesson through parseLessonPack)');
  const { buildLineage } = await import('../../governance/lineage.ts');
  const graph = buildLineage(referenceLineageInputs({ pipeline, project }));
  graphs.set(key, graph);
  while (graphs.size > 4) graphs.delete(graphs.keys().next().value as string);
  return graph;
}

function spec(step: ImpactStep): ImpactGradeSpec {
  return {
    source: step.source,
    mark: step.mark,
    owners: step.owners,
    knownWrong: step.knownWrong.map((k) => ({ source: k.source, affected: k.affected, owners: k.owners, feedback: k.feedback })),
  };
}

function cachedGraph(step: ImpactStep): LineageGraph {
  const graph = graphs.get(referenceKey(step));
  // The checker always proves the definition (which builds the graph) before it asks for the samples.
  if (!graph) throw new Error('impact step: its lineage is built by checkDefinition (or stepLineage) before its samples are asked for');
  return graph;
}

async function checkImpact(step: ImpactStep): Promise<DefinitionFindings> {
  const found: DefinitionFindings = { problems: [], warnings: [] };
  let graph: LineageGraph;
  try {
    graph = await stepLineage(step);
  } catch (e) {
    found.problems.push(`the reference lineage cannot be built: ${e instanceof Error ? e.message : String(e)}`);
    return found;
  }
  for (const p of graph.problems) found.problems.push(`the reference lineage cannot read ${p.node}: ${p.message}`);
  const source = graph.nodes.find((n) => n.id === step.source);
  if (!source) {
    const near = graph.nodes.filter((n) => n.id.split(/[:.]/).pop() === step.source.split(/[:.]/).pop()).map((n) => n.id);
    found.problems.push(`source '${step.source}' is not on the lineage graph${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`);
    return found;
  }
  const expected = expectedImpact(graph, step);
  if (expected.affected.length === 0) found.problems.push(`nothing of the kinds ${step.mark.join(', ')} is downstream of '${step.source}'`);
  if (step.owners && expected.owners.length === 0) found.problems.push('owners is true but none of the affected nodes has an owner team');
  step.knownWrong.forEach((k, i) => {
    if (k.source !== step.source && !graph.nodes.some((n) => n.id === k.source))
      found.warnings.push(`known-wrong answer ${i + 1} starts from '${k.source}', which is not on the lineage graph`);
  });
  return found;
}

/** The impact step kind. */
export const impactStep = defineStepKind({
  kind: 'impact',
  schema: ImpactStepSchema,
  gradable: true,
  asynchronous: true,
  answerSchema: ImpactAnswerSchema,
  answerDescription: 'JSON { "source": "<lineage node id>", "affected": ["<node id>", …], "owners": ["<team id>", …] }',
  answerFromText: (text) => jsonAnswerFromText(text) as ImpactGradeAnswer,
  grade: (step, answer) => gradeOrLessonError(async () => gradeImpact(await stepLineage(step), spec(step), answer)),
  samples: (step) => {
    const expected = expectedImpact(cachedGraph(step), step);
    return {
      solution: { source: step.source, affected: expected.affected, owners: step.owners ? expected.owners : [] },
      starter: { source: '', affected: [], owners: [] },
      knownWrong: step.knownWrong.map((k) => ({
        answer: { source: k.source, affected: k.affected, owners: k.owners },
        expect: k.expect,
        feedback: k.feedback,
      })),
    };
  },
  databases: () => [],
  checkDefinition: (step) => checkImpact(step),
  resolveFiles: (step, assets) => {
    const pipeline = resolvePipelineRef(step.lineage.pipeline, assets, 'lineage.pipeline');
    const project = resolveProjectRef(step.lineage.project, assets, 'lineage.project');
    return { step: { ...step, lineage: { pipeline: pipeline.ref, project: project.ref } }, problems: [...pipeline.problems, ...project.problems] };
  },
});
