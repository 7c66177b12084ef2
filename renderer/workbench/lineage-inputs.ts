import { CATALOG_PATH, parseCatalog, type Catalog } from '../../core/datasets/catalog.ts';
import type { GovernanceDoc } from '../../core/governance/governance-doc.ts';
import { referenceLineageInputs, type LineageInputs, type ReferenceFiles } from '../../core/governance/lineage-inputs.ts';
import type { DashboardsDoc, MetricsDoc } from '../../core/metrics/metrics-doc.ts';
import type { ModelProjectFiles } from '../../core/models/project.ts';
import { useDashboardDocStore } from '../features/dashboard/dashboard-store.ts';
import { useGovernanceStore } from '../features/governance/governance-store.ts';
import { useMetricsStore } from '../features/metrics/metrics-store.ts';
import { screenProject, useModelsStore } from '../features/models/models-store.ts';
import pipelineText from '../../lessons/_reference/pipeline/hanbit-etl.pipeline.json?raw';

/*
 * What the renderer sends the governance worker to build the lineage (`sharedGovernanceClient().lineage(inputs)`):
 * plain data only, so node-sql-parser never loads on the main thread. The company's part comes from
 * the catalog and the reference files bundled with the app (the same files the grader reads); the
 * learner's part from their saved documents: their metrics and edited copies, their dashboards,
 * their model project (the starter one until they change it) and their masked views.
 *
 *   const inputs = await lineageInputs(learnerDocsFromStores());      // the Lineage tab
 *   const inputs = await lineageInputs();                             // the company's only (an impact step)
 *   const graph = await sharedGovernanceClient().lineage(inputs, { viewDatabases: ['hanbit-warehouse'], signal });
 */

const PROJECT_ROOT = '/lessons/_reference/dbt/hanbit/';
const projectModules = import.meta.glob('/lessons/_reference/dbt/hanbit/**/*', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** The reference ETL pipeline and dbt project as bundled with the app. */
export function bundledReferenceFiles(): ReferenceFiles {
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(projectModules)) files[path.slice(PROJECT_ROOT.length)] = text;
  return { pipeline: JSON.parse(pipelineText) as unknown, project: { files } };
}

/** The learner's documents the lineage reads (any may be missing). */
export interface LearnerLineageDocs {
  metrics?: MetricsDoc | null;
  dashboards?: DashboardsDoc | null;
  /** Their model project (the Models screen's: the starter project until they change it). */
  project?: ModelProjectFiles | null;
  governance?: GovernanceDoc | null;
}

/** The learner's documents as their screens hold them now. */
export function learnerDocsFromStores(): LearnerLineageDocs {
  return {
    metrics: useMetricsStore.getState().doc,
    dashboards: useDashboardDocStore.getState().doc,
    project: screenProject(useModelsStore.getState().doc),
    governance: useGovernanceStore.getState().doc,
  };
}

let catalogRequest: Promise<Catalog | null> | null = null;

function loadCatalog(): Promise<Catalog | null> {
  catalogRequest ??= fetch(CATALOG_PATH)
    .then(async (res) => {
      if (!res.ok) return null;
      const parsed = parseCatalog(await res.json());
      return parsed.ok ? parsed.catalog : null;
    })
    // Without the catalog the data dictionary and the known lake layout give the same graph.
    .catch(() => null);
  return catalogRequest;
}

/** The lineage inputs: the company's (catalog, reference files, published metrics, starter dashboard) plus the learner's documents. */
export async function lineageInputs(learner: LearnerLineageDocs = {}, options: { catalog?: Catalog | null } = {}): Promise<LineageInputs> {
  const catalog = options.catalog !== undefined ? options.catalog : await loadCatalog();
  const inputs = referenceLineageInputs(bundledReferenceFiles(), catalog ?? undefined);
  for (const metric of Object.values(learner.metrics?.metrics ?? {})) inputs.metrics.push({ metric, learner: true });
  for (const dashboard of Object.values(learner.dashboards?.dashboards ?? {}))
    inputs.dashboards.push({ dashboard, name: { ko: dashboard.name, en: dashboard.name }, learner: true });
  if (learner.project) inputs.projects.push({ files: learner.project, owner: null, learner: true });
  for (const view of Object.values(learner.governance?.maskedViews ?? {}))
    if (view.sql.trim() !== '') inputs.views.push({ database: view.database, sql: view.sql, owner: null, learner: true });
  return inputs;
}
