import type { SqlJsStatic } from 'sql.js';
import { SqlEngine } from '../sql/engine.ts';
import type { ExecResult } from '../sql/protocol.ts';
import type { Progress } from '../worker/envelope.ts';
import type { DispatchOutcome, ServeContext } from '../worker/serve.ts';
import { buildProject, type BuildEvent, type BuildResult } from './build.ts';
import { compileModel, planProject, problemFromError, type ProjectPlan } from './compile.ts';
import { sqlEngineModelEngine } from './engine.ts';
import { lineage, type Lineage } from './lineage.ts';
import { loadProject, PROJECT_FILE, type ModelProblem } from './load-project.ts';
import type { ModelProjectFiles } from './project.ts';

/**
 * The models worker's protocol and request handler, shared by the browser worker
 * (renderer/workbench/models.worker.ts) and its Node twin: check a project, build it (progress
 * per node), compile one model, query the built database, export it. The worker keeps the last
 * built database open; a full build always starts from a fresh copy of the project's database.
 */

/** Problems and the lineage of a project (states pending or error). */
export interface CheckResult {
  name: string;
  database: string | null;
  problems: ModelProblem[];
  lineage: Lineage;
  /** Model names in dependency order (for pickers). */
  models: string[];
}

/** A build's result with the problems and the lineage coloured by it. */
export interface BuildResponse extends BuildResult {
  problems: ModelProblem[];
  lineage: Lineage;
}

/** One model compiled for the database as it is now (or as parse-time when nothing is built). */
export interface CompileResponse {
  model: string;
  sql: string | null;
  problems: ModelProblem[];
}

/** Progress of a build: nodes done of the total, with the node event that moved it. */
export interface BuildProgress extends Progress {
  event: BuildEvent;
}

/** The models worker's protocol. */
export type ModelsProtocol = {
  check: { request: { project: ModelProjectFiles }; result: CheckResult };
  /** The catalog database a build starts from (vars.datalit_database), read off the UI thread. */
  database: { request: { project: ModelProjectFiles }; result: { database: string | null } };
  build: {
    request: {
      project: ModelProjectFiles;
      select?: string;
      fullRefresh?: boolean;
      /** Start from a fresh copy of the database (default: yes unless a selection builds on the last build). */
      fresh?: boolean;
      /** The bytes of the project's database (vars.datalit_database); null for an empty database. */
      databaseBytes: Uint8Array | null;
    };
    result: BuildResponse;
  };
  compile: { request: { project: ModelProjectFiles; model: string }; result: CompileResponse };
  query: { request: { sql: string; maxRows: number }; result: ExecResult };
  export: { request: Record<never, never>; result: { bytes: Uint8Array } };
};

/** A request of the models protocol as it reaches the worker. */
export type ModelsRequest = { [A in keyof ModelsProtocol]: { id: number; action: A } & ModelsProtocol[A]['request'] }[keyof ModelsProtocol];

function check(files: ModelProjectFiles): { plan: ProjectPlan; result: CheckResult } {
  const project = loadProject(files);
  const plan = planProject(project);
  const models = plan.graph.nodes().filter((id) => plan.nodes.get(id)?.type === 'model');
  return {
    plan,
    result: {
      name: project.name,
      database: project.database,
      problems: plan.problems,
      lineage: lineage(plan),
      models: models.map((id) => plan.nodes.get(id)?.name ?? id),
    },
  };
}

/** A models request handler over sql.js (one engine, kept between requests). */
export function modelsRequestHandler(sqlReady: Promise<SqlJsStatic>): (request: ModelsRequest, ctx: ServeContext) => Promise<DispatchOutcome> {
  let engine: SqlEngine | null = null;
  let built = false;
  return async (request, ctx) => {
    const { id } = request;
    const ok = (value: unknown, transfer: ArrayBuffer[] = []): DispatchOutcome => ({ response: { id, ok: true, value }, transfer });
    const sql = await sqlReady;
    engine ??= new SqlEngine(sql);
    switch (request.action) {
      case 'check':
        return ok(check(request.project).result);
      case 'database': {
        // Only dbt_project.yml names it: the rest of the project is not parsed for this.
        const text = request.project.files[PROJECT_FILE];
        return ok({ database: loadProject({ files: text === undefined ? {} : { [PROJECT_FILE]: text } }).database });
      }
      case 'build': {
        const { plan } = check(request.project);
        const fresh = request.fresh ?? !(built && request.select !== undefined && request.select.trim() !== '');
        if (fresh) {
          // Every object of the starting database is bundled: a model cannot drop a source table.
          engine.open(request.databaseBytes ?? new Uint8Array(0));
          built = true;
        }
        const result = await buildProject(plan, sqlEngineModelEngine(engine), {
          ...(request.select !== undefined ? { select: request.select } : {}),
          ...(request.fullRefresh !== undefined ? { fullRefresh: request.fullRefresh } : {}),
          onEvent: (event) => ctx.progress({ done: event.done, total: event.total, event } as BuildProgress),
        });
        const response: BuildResponse = { ...result, problems: plan.problems, lineage: lineage(plan, result) };
        return ok(response);
      }
      case 'compile': {
        const { plan } = check(request.project);
        const problems = plan.problems.filter((p) => p.severity === 'error' && plan.nodes.get(`model.${request.model}`)?.file === p.file);
        const current = built ? sqlEngineModelEngine(engine) : null;
        try {
          const existing = current ? current.relationType(request.model) : null;
          const compiled = compileModel(plan, request.model, { execute: built, exists: () => existing === 'table' });
          return ok({ model: request.model, sql: compiled.sql, problems } satisfies CompileResponse);
        } catch (e) {
          const file = plan.nodes.get(`model.${request.model}`)?.file ?? request.model;
          return ok({ model: request.model, sql: null, problems: [...problems, problemFromError(file, e)] } satisfies CompileResponse);
        }
      }
      case 'query':
        if (!built) throw new Error('Nothing is built yet: build the project first.');
        return ok(engine.exec(request.sql, request.maxRows));
      case 'export': {
        if (!built) throw new Error('Nothing is built yet: build the project first.');
        const bytes = engine.snapshot().slice();
        return ok({ bytes }, [bytes.buffer]);
      }
      default: {
        const unknown: never = request;
        throw new Error(`Unknown action: ${JSON.stringify(unknown)}`);
      }
    }
  };
}
