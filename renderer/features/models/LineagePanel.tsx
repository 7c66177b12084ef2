import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DagLegend, DagView, type DagNode, type DagState } from '../../ui/graph/DagView.tsx';
import type { GraphNode, NodeOutcome, ProjectGraph } from './engine.ts';
import { layerOf, lineageState, testTallies } from './node-states.ts';

// 'fail' (a failing test) looks and reads as 'failed': listed once.
const LEGEND: DagState[] = ['idle', 'success', 'failed', 'upstream_failed', 'pass', 'warn'];

/**
 * Lineage from sources through staging models to marts (tests are not drawn as nodes: their
 * verdict colours the model they test, and the sublabel counts them). Clicking a node opens its file.
 */
export function LineagePanel(props: {
  graph: ProjectGraph | undefined;
  outcomes: Record<string, NodeOutcome>;
  selectedPath: string | null;
  onOpen: (node: GraphNode) => void;
}) {
  const { t } = useTranslation();
  const { graph, outcomes } = props;

  const { nodes, edges, byId } = useMemo(() => {
    const all = graph?.nodes ?? [];
    const shown = all.filter((n) => n.kind !== 'test');
    const ids = new Set(shown.map((n) => n.id));
    const tallies = graph ? testTallies(graph, outcomes) : {};
    const dagNodes: DagNode[] = shown.map((n) => {
      const tally = tallies[n.id];
      const outcome = outcomes[n.id];
      const parts: string[] = [];
      if (n.materialized) parts.push(t(`models.build.materialized.${n.materialized}`, { defaultValue: n.materialized }));
      if (outcome?.rows !== undefined && outcome.state === 'success') parts.push(t('models.build.rows', { count: outcome.rows }));
      if (tally && tally.pass + tally.fail + tally.warn + tally.error > 0) {
        parts.push(t('models.lineage.testsOn', { pass: tally.pass, fail: tally.fail + tally.error }));
      }
      return {
        id: n.id,
        label: n.name,
        tag: t(`models.lineage.kinds.${layerOf(n)}`),
        state: n.kind === 'source' ? 'idle' : lineageState(n, outcome, tally),
        ...(parts.length ? { sublabel: parts.join(' · ') } : {}),
      };
    });
    return {
      nodes: dagNodes,
      edges: (graph?.edges ?? []).filter((e) => ids.has(e.from) && ids.has(e.to)),
      byId: new Map(shown.map((n) => [n.id, n])),
    };
  }, [graph, outcomes, t]);

  if (nodes.length === 0) return <p className="empty-state">{t('models.lineage.empty')}</p>;
  const selected = props.selectedPath ? ([...byId.values()].find((n) => n.path === props.selectedPath)?.id ?? null) : null;
  return (
    <div className="models-lineage">
      <div className="models-lineage-bar">
        <span className="muted small">{t('models.lineage.hint')}</span>
        <DagLegend states={LEGEND} />
      </div>
      <DagView
        nodes={nodes}
        edges={edges}
        label={t('models.lineage.label')}
        selected={selected}
        onSelect={(id) => {
          const node = id ? byId.get(id) : undefined;
          if (node) props.onOpen(node);
        }}
        className="models-dag"
        testId="lineage-graph"
      />
    </div>
  );
}
