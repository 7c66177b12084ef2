/**
 * The model workbench's core (ELT, dbt-shaped), pure: runs the same in a Web Worker and in Node.
 * loadProject → planProject → buildProject on a ModelEngine; lineage for the graph.
 */
export { loadProject, type ModelProject, type ModelProblem, type DataTestDef, type Materialization } from './load-project.ts';
export { planProject, compileModel, compileTest, type ProjectPlan, type PlanNode } from './compile.ts';
export { buildProject, selectNodes, type BuildResult, type NodeResult, type BuildEvent, type BuildOptions } from './build.ts';
export { sqlEngineModelEngine, ModelSqlError, type ModelEngine } from './engine.ts';
export { lineage, type Lineage } from './lineage.ts';
export { modelMessage, type ModelMessage } from './messages.ts';
