import { useEffect, useState } from 'react';
import type { LineageGraph } from '../../../core/governance/types.ts';
import { referenceLineageInputs, type LineageInputs } from '../../../core/governance/lineage-inputs.ts';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { sharedGovernanceClient } from '../../workbench/governance-client.ts';
import { useStore } from '../../state/store.ts';

/*
 * The lineage graph the Lineage tab and the impact steps draw: built in the governance worker (the
 * SQL parser never loads on the main thread) from the company's reference ETL pipeline, dbt
 * project, metrics and starter dashboard, once per session and shared.
 */

const PIPELINE = import.meta.glob('/lessons/_reference/pipeline/hanbit-etl.pipeline.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const PROJECT = import.meta.glob('/lessons/_reference/dbt/hanbit/**/*', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** The reference dbt project's files by their path inside the project. */
function projectFiles(): ModelProjectFiles {
  const files: Record<string, string> = {};
  const prefix = '/lessons/_reference/dbt/hanbit/';
  for (const [path, text] of Object.entries(PROJECT)) files[path.slice(prefix.length)] = text;
  return { files };
}

/** The company's lineage inputs (reference pipeline and project, published metrics, starter dashboard; owners from the catalog). */
export function companyLineageInputs(): LineageInputs {
  const catalog = useStore.getState().catalog;
  const pipeline: unknown = JSON.parse(Object.values(PIPELINE)[0] ?? 'null');
  return referenceLineageInputs({ pipeline, project: projectFiles() }, catalog ?? undefined);
}

let shared: Promise<LineageGraph> | null = null;

/** The lineage graph, built once (a failure is forgotten, so the next look tries again). */
export function loadLineageGraph(): Promise<LineageGraph> {
  if (!shared) {
    shared = sharedGovernanceClient().lineage(companyLineageInputs());
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}

/** The lineage graph as React state: loading, ready, or why it failed. */
export function useLineageGraph(): { graph: LineageGraph | null; error: string | null } {
  const [state, setState] = useState<{ graph: LineageGraph | null; error: string | null }>({ graph: null, error: null });
  const catalogReady = useStore((s) => s.catalog !== null);
  useEffect(() => {
    if (!catalogReady) return;
    let live = true;
    loadLineageGraph().then(
      (graph) => live && setState({ graph, error: null }),
      (e: unknown) => live && setState({ graph: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [catalogReady]);
  return state;
}
