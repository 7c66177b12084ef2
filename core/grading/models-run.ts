import { buildProject } from '../models/build.ts';
import { planProject } from '../models/compile.ts';
import { ModelSqlError, type ModelEngine, type ModelQueryResult } from '../models/engine.ts';
import { loadProject } from '../models/load-project.ts';
import type { GradingEngine } from './engine.ts';
import type { ModelBuilder } from './models-grader.ts';

/**
 * Binds the models grader to the model engine (core/models), so the grader worker, `npm run grade`
 * and the lesson checker build projects exactly as the workbench does: load, plan, then
 * `dbt build` order with each model's tests.
 */

/** The grader's engine as a ModelEngine (the same rules as sqlEngineModelEngine, for any GradingEngine). */
function modelEngine(engine: GradingEngine): ModelEngine {
  const run = (sql: string, maxRows = 0): ModelQueryResult | null => {
    const result = engine.exec(sql, maxRows);
    if (result.error) throw new ModelSqlError(result.error.message, result.error.line, result.error.column);
    const last = result.results.at(-1);
    return last ? { columns: last.columns, rows: last.rows, rowCount: last.rowCount, changes: last.changes } : null;
  };
  return {
    run,
    relationType(name) {
      const found = engine.schema().find((o) => o.name.toLowerCase() === name.toLowerCase());
      return found ? found.type : null;
    },
  };
}

/** Builds a model project for grading on the engine's open database. */
export const buildModelsForGrading: ModelBuilder = async (project, { engine, select }) => {
  const plan = planProject(loadProject(project));
  const errors = plan.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { ok: false, problems: errors.map((p) => ({ file: p.file, line: p.line, message: p.message.text })) };
  const result = await buildProject(plan, modelEngine(engine), select ? { select } : {});
  const text = (n: (typeof result.nodes)[number]) => n.message?.text ?? (n.error ? { en: n.error.message, ko: n.error.message } : null);
  return {
    ok: true,
    models: result.nodes.filter((n) => n.type === 'model').map((n) => ({ name: n.name, state: n.state, error: text(n) })),
    tests: result.nodes
      .filter((n) => n.type === 'test')
      .map((n) => ({ name: n.name, state: n.state, failures: n.test?.failures ?? 0, error: text(n) })),
  };
};
