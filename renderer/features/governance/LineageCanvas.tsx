import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult, LineageNode } from '../../../core/governance/types.ts';
import { DagView, type DagNode } from '../../ui/graph/DagView.tsx';
import { useStore } from '../../state/store.ts';
import { KIND_ICONS } from './lineage-view.ts';

/**
 * The lineage graph drawn with the app's DagView: each node by its kind (icon and colour), its
 * owner team under its name and its database as a tag; a node with failing checks in the danger
 * colour. What is ringed, faded and picked is the caller's (the Lineage tab, an impact step).
 */
export function LineageCanvas(props: {
  shown: { nodes: LineageNode[]; edges: { from: string; to: string }[] };
  broken: ReadonlyMap<string, readonly CheckResult[]>;
  selected: string | null;
  onSelect: (id: string | null) => void;
  highlighted?: ReadonlySet<string> | undefined;
  dimmed?: ReadonlySet<string> | undefined;
  focus?: { ids: readonly string[]; seq: number } | null;
  /** Extra words for a node's accessible name ('The broken source', 'Marked as affected'). */
  roleOf?: (id: string) => string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const teams = useStore((s) => s.catalog?.teams);
  const { shown, broken, roleOf } = props;
  const nodes = useMemo(
    (): DagNode[] =>
      shown.nodes.map((n) => {
        const failing = broken.get(n.id);
        const kind = t(`governance.lineage.kind.${n.kind}`);
        const owner = n.owner ? (teams?.[n.owner]?.[lang] ?? n.owner) : t('governance.lineage.noOwner');
        const sub = `${kind} · ${owner}`;
        const status = failing ? t('governance.lineage.failingChecksCount', { count: failing.length }) : '';
        return {
          id: n.id,
          label: n.label[lang],
          sublabel: sub,
          kind: n.kind,
          icon: KIND_ICONS[n.kind],
          state: failing ? 'fail' : 'idle',
          ...(n.database ? { tag: n.database.replace(/^hanbit-/, '') } : {}),
          ariaLabel: [`${n.label[lang]}: ${sub}`, status, roleOf?.(n.id) ?? ''].filter(Boolean).join('. '),
        };
      }),
    [shown, broken, teams, lang, t, roleOf],
  );
  return (
    <DagView
      nodes={nodes}
      edges={shown.edges}
      label={t('governance.lineage.graphLabel')}
      selected={props.selected}
      onSelect={props.onSelect}
      highlighted={props.highlighted}
      dimmed={props.dimmed}
      focus={props.focus ?? null}
      className="lg-dag"
      testId={props.testId ?? 'lineage-graph'}
    />
  );
}
