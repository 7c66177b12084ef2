/**
 * The UI's handle on the models worker (the model workbench, dbt-shaped ELT). Everything runs in
 * the worker; this file only queues requests, fetches the project's database and cancels.
 *
 * API (for the models UI and the grading integration):
 *
 *   const client = new ModelsClient();                       // or new ModelsClient({ createWorker, databaseBytes })
 *   await client.database(files);                            // the project's catalog database id, or null
 *   const check = await client.check(files);                 // CheckResult: problems (file, line, column,
 *                                                            //   severity, message.text.{en,ko}) for editor
 *                                                            //   markers, lineage (all pending), model names
 *   const op = client.build(files, { select: '+orders', fullRefresh: false, onEvent });
 *   op.id;                                                   // the operation's id
 *   const result = await op;                                 // BuildResponse: ok, cancelled, nodes[] (id, type,
 *                                                            //   name, file, state, rows, ms, materialized,
 *                                                            //   compiledSql, message, error{file,line,column,
 *                                                            //   compiledLine,message}, test{kind,severity,
 *                                                            //   failures,columns,rows,attachedTo}),
 *                                                            //   problems, lineage (nodes with states, edges)
 *   onEvent(event)                                           // BuildEvent per node: { node: NodeResult (state
 *                                                            //   'running' when it starts, then its result),
 *                                                            //   done, total }
 *   client.cancel();                                         // stops a running build at once: the worker is
 *                                                            //   replaced, the build rejects with
 *                                                            //   ModelsCancelledError, the built database is gone
 *   await client.compile(files, 'orders');                   // CompileResponse: { sql | null, problems }
 *   await client.query('select * from orders', 1000);        // the SQL worker's ExecResult (ResultSet shape),
 *                                                            //   on the last built database
 *   await client.exportDatabase();                           // the built database as SQLite file bytes
 *   client.dispose();
 *
 * A full build (no select) always starts from a fresh copy of the project's database
 * (dbt_project.yml `vars: { datalit_database: <catalog id> }`, or an empty database); a build with
 * `select` continues on the last built database when there is one (pass `fresh: true` to start over).
 */
import type { ModelProjectFiles } from '../../core/models/project.ts';
import type { BuildEvent } from '../../core/models/build.ts';
import type { BuildProgress, BuildResponse, CheckResult, CompileResponse, ModelsProtocol } from '../../core/models/worker-dispatch.ts';
import type { ExecResult } from '../../core/sql/protocol.ts';
import { WorkerConnection } from '../../core/worker/connection.ts';
import type { WorkerPort } from '../../core/worker/envelope.ts';
import { catalogDatabaseBytes } from '../sql/dataset-cache.ts';
import { domWorkerPort } from '../worker/dom-endpoint.ts';

export type { BuildEvent, BuildResponse, CheckResult, CompileResponse };
export type { NodeResult } from '../../core/models/build.ts';
export type { Lineage, LineageNode, LineageEdge } from '../../core/models/lineage.ts';
export type { ModelProblem } from '../../core/models/load-project.ts';

/** The rejection of a build (or a request queued behind it) that was cancelled. */
export class ModelsCancelledError extends Error {
  constructor(message = 'Build cancelled') {
    super(message);
    this.name = 'ModelsCancelledError';
  }
}

/** Options; tests pass a Node worker factory and their own database bytes. */
export interface ModelsClientOptions {
  createWorker?: () => WorkerPort;
  /** The bytes of a catalog database by id (default: the app's catalog and dataset cache). */
  databaseBytes?: (id: string) => Promise<Uint8Array>;
}

/** Options of a build. */
export interface ModelsBuildOptions {
  select?: string;
  fullRefresh?: boolean;
  fresh?: boolean;
  onEvent?: (event: BuildEvent) => void;
}

/** An operation's answer with the id it runs under. */
export type ModelsOperation<T> = Promise<T> & { readonly id: number };

function defaultWorker(): WorkerPort {
  return domWorkerPort(new Worker(new URL('./models.worker.ts', import.meta.url), { type: 'module' }));
}

/** Typed client for the models worker. */
export class ModelsClient {
  private readonly createWorker: () => WorkerPort;
  private readonly databaseBytes: (id: string) => Promise<Uint8Array>;
  private conn: WorkerConnection<ModelsProtocol>;
  private readonly bytes = new Map<string, Promise<Uint8Array>>();
  private runningBuild: number | null = null;
  /** Bumped by cancel(): a build still looking up or fetching its database stops before it starts. */
  private cancels = 0;

  /** Starts the worker. */
  constructor(opts: ModelsClientOptions = {}) {
    this.createWorker = opts.createWorker ?? defaultWorker;
    this.databaseBytes = opts.databaseBytes ?? catalogDatabaseBytes;
    this.conn = this.connect();
  }

  private connect(): WorkerConnection<ModelsProtocol> {
    const conn = new WorkerConnection<ModelsProtocol>(this.createWorker(), { crashMessage: 'The models worker stopped' });
    conn.onCrash = (error) => {
      conn.kill(error);
      this.conn = this.connect();
    };
    return conn;
  }

  /** Loads and checks a project: problems for the editor, lineage, model names. */
  check(project: ModelProjectFiles): Promise<CheckResult> {
    return this.conn.request({ action: 'check', project });
  }

  /** The catalog database the project builds on (dbt_project.yml vars.datalit_database), read in the worker. */
  database(project: ModelProjectFiles): Promise<string | null> {
    return this.conn.request({ action: 'database', project }).then((r) => r.database);
  }

  /** Builds the project (or a selection) with progress per node; cancel() stops it. Its id is -1 until the database bytes are fetched. */
  build(project: ModelProjectFiles, options: ModelsBuildOptions = {}): ModelsOperation<BuildResponse> {
    let opId = -1;
    const cancels = this.cancels;
    const run = async (): Promise<BuildResponse> => {
      // The YAML is read in the worker: parsing the project on the UI thread would stall a frame.
      const database = await this.database(project);
      let databaseBytes: Uint8Array | null = null;
      if (database !== null) {
        let pending = this.bytes.get(database);
        if (!pending) {
          pending = this.databaseBytes(database);
          this.bytes.set(database, pending);
          pending.catch(() => this.bytes.delete(database));
        }
        // A copy: the worker's copy is its own, the cache keeps the original.
        databaseBytes = (await pending).slice();
      }
      if (cancels !== this.cancels) throw new ModelsCancelledError();
      const op = this.conn.start(
        {
          action: 'build',
          project,
          databaseBytes,
          ...(options.select !== undefined ? { select: options.select } : {}),
          ...(options.fullRefresh !== undefined ? { fullRefresh: options.fullRefresh } : {}),
          ...(options.fresh !== undefined ? { fresh: options.fresh } : {}),
        },
        {
          ...(databaseBytes ? { transfer: [databaseBytes.buffer as ArrayBuffer] } : {}),
          onProgress: (p) => options.onEvent?.((p as BuildProgress).event),
        },
      );
      opId = op.id;
      this.runningBuild = op.id;
      try {
        return await op.result;
      } finally {
        if (this.runningBuild === op.id) this.runningBuild = null;
      }
    };
    const promise = run() as ModelsOperation<BuildResponse>;
    Object.defineProperty(promise, 'id', { get: () => opId });
    return promise;
  }

  /** Compiles one model (for the compiled-SQL view). */
  compile(project: ModelProjectFiles, model: string): Promise<CompileResponse> {
    return this.conn.request({ action: 'compile', project, model });
  }

  /** Runs SQL on the last built database. */
  query(sql: string, maxRows = 1000): Promise<ExecResult> {
    return this.conn.request({ action: 'query', sql, maxRows });
  }

  /** The last built database as SQLite file bytes. */
  exportDatabase(): Promise<Uint8Array> {
    return this.conn.request({ action: 'export' }).then((r) => r.bytes);
  }

  /** True while a build runs or waits in the queue. */
  get building(): boolean {
    return this.runningBuild !== null;
  }

  /** Stops a running build at once (the worker is replaced; the built database is lost) and drops queued requests. */
  cancel(): void {
    const reason = new ModelsCancelledError();
    this.cancels++;
    this.conn.dropQueued(reason);
    if (this.runningBuild !== null || !this.conn.idle) {
      this.runningBuild = null;
      this.conn.replaceWorker(this.createWorker(), reason);
    }
  }

  /** Stops the worker for good. */
  dispose(): void {
    this.conn.kill(new ModelsCancelledError('The models client was disposed'));
  }
}
