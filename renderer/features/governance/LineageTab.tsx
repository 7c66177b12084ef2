import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { AlertTriangle, Loader2, Search } from 'lucide-react';
import { impactOf } from '../../../core/governance/impact.ts';
import type { LineageGraph, LineageNode, LineageNodeKind } from '../../../core/governance/types.ts';
import { Select } from '../../ui/Select.tsx';
import { useStore } from '../../state/store.ts';
import { useGovernanceStore } from './governance-store.ts';
import { useLineageGraph } from './lineage-data.ts';
import { brokenNodes, KIND_ICONS, LINEAGE_KINDS, searchNodes, sourceCandidates, visibleGraph } from './lineage-view.ts';
import { LineageImpact, LineageLegend } from './LineageImpact.tsx';
import { LineageCanvas } from './LineageCanvas.tsx';
import './lineage.css';

// Radix Select takes no empty value; node ids never are '*'.
const NONE = '*';

/** Find a node by name: the matches listed under the box; Enter or a click brings the node into view and picks it. */
export function LineageSearch({ graph, onPick }: { graph: LineageGraph; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const hits = useMemo(() => searchNodes(graph, text, lang), [graph, text, lang]);
  const teams = useStore((s) => s.catalog?.teams);
  const pick = (id: string) => {
    onPick(id);
    setOpen(false);
    setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && hits[0]) {
      e.preventDefault();
      pick(hits[0].id);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      list.current?.querySelector('button')?.focus();
    } else if (e.key === 'Escape') setOpen(false);
  };
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') buttons[Math.min(buttons.length - 1, i + 1)]?.focus();
    else if (e.key === 'ArrowUp') buttons[Math.max(0, i - 1)]?.focus();
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
  };
  return (
    <div className="lg-search" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node) && setOpen(false)}>
      <Search className="lg-search-icon" aria-hidden />
      <input
        className="input"
        type="search"
        value={text}
        placeholder={t('governance.lineage.searchPlaceholder')}
        aria-label={t('governance.lineage.search')}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKey}
        data-testid="lineage-search"
      />
      {open && text.trim() !== '' ? (
        <ul className="lg-search-hits" ref={list} onKeyDown={onListKey} aria-label={t('governance.lineage.searchHits')}>
          {hits.length === 0 ? (
            <li className="muted small lg-search-none">{t('governance.lineage.noHits')}</li>
          ) : (
            hits.map((n) => {
              const Icon = KIND_ICONS[n.kind];
              return (
                <li key={n.id}>
                  <button type="button" onClick={() => pick(n.id)} data-testid="lineage-search-hit">
                    <Icon size={13} aria-hidden /> <span>{n.label[lang]}</span>
                    <span className="muted small">
                      {t(`governance.lineage.kind.${n.kind}`)}
                      {/* Two metrics may share a name (Revenue of commerce and of marketing): the owner tells them apart. */}
                      {n.owner ? ` · ${teams?.[n.owner]?.[lang] ?? n.owner}` : ''}
                    </span>
                  </button>
                </li>
              );
            })
          )}
        </ul>
      ) : null}
    </div>
  );
}

/** Checkboxes that show or hide each kind of node. */
export function KindFilter({
  hidden,
  onChange,
  counts,
}: {
  hidden: ReadonlySet<string>;
  onChange: (kinds: string[]) => void;
  counts: Record<string, number>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="lg-kinds">
      <legend className="sr-only">{t('governance.lineage.kindsShown')}</legend>
      {LINEAGE_KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) => {
        const Icon = KIND_ICONS[k];
        return (
          <label key={k} className={`lg-kind-chip lg-kind-${k}${hidden.has(k) ? ' off' : ''}`}>
            <input
              type="checkbox"
              checked={!hidden.has(k)}
              onChange={(e) => onChange(e.target.checked ? [...hidden].filter((x) => x !== k) : [...hidden, k])}
              data-testid={`lineage-kind-${k}`}
            />
            <Icon size={13} aria-hidden /> {t(`governance.lineage.kinds.${k}`)} <span className="muted">{counts[k] ?? 0}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

/**
 * The Lineage tab: the graph from lake files through tables, views, models and metrics to
 * dashboard tiles (derived from the SQL that defines each), nodes by kind with a legend, a search,
 * a filter by kind. Picking a node (click, Enter on a focused node, the search, or the broken
 * source list) marks it as the broken source: everything downstream is ringed, the rest fades, and
 * the side panel lists the affected nodes by kind with their owners and the message for each owner.
 */
export function LineageTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const { graph, error } = useLineageGraph();
  const source = useGovernanceStore((s) => s.lineageSource);
  const hiddenList = useGovernanceStore((s) => s.lineageHidden);
  const run = useGovernanceStore((s) => s.qualityRun);
  const history = useGovernanceStore((s) => s.qualityHistory);
  const { pickBrokenSource, setLineageHidden } = useGovernanceStore.getState();
  const [onlyImpact, setOnlyImpact] = useState(false);
  const [focus, setFocus] = useState<{ ids: readonly string[]; seq: number } | null>(null);
  const hidden = useMemo(() => new Set(hiddenList), [hiddenList]);
  const broken = useMemo(() => brokenNodes(run?.results), [run]);

  const impact = useMemo(
    () => (graph && source && graph.nodes.some((n) => n.id === source) ? impactOf(graph, source) : null),
    [graph, source],
  );
  const reached = useMemo(() => (impact ? new Set([impact.source, ...impact.affected.map((a) => a.node)]) : null), [impact]);

  const shown = useMemo(
    () => (graph ? visibleGraph(graph, hidden, onlyImpact && reached ? reached : undefined) : null),
    [graph, hidden, onlyImpact, reached],
  );
  // Showing only the impact (or all again) changes the nodes drawn, and the graph fits them by itself.
  const toggleOnly = (on: boolean) => setOnlyImpact(on);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const n of graph?.nodes ?? []) c[n.kind] = (c[n.kind] ?? 0) + 1;
    return c;
  }, [graph]);

  const roleOf = useCallback(
    (id: string) => (id === source ? t('governance.lineage.isSource') : reached?.has(id) ? t('governance.lineage.isAffected') : ''),
    [source, reached, t],
  );
  const highlighted = useMemo(() => (impact ? new Set(impact.affected.map((a) => a.node)) : undefined), [impact]);
  const dimmed = useMemo(
    () => (reached && shown ? new Set(shown.nodes.filter((n) => !reached.has(n.id)).map((n) => n.id)) : undefined),
    [reached, shown],
  );

  const focusOn = (id: string) => {
    // A node of a hidden kind is shown again so it can be found.
    const node = graph?.nodes.find((n) => n.id === id);
    if (node && hidden.has(node.kind)) setLineageHidden(hiddenList.filter((k) => k !== node.kind));
    if (onlyImpact && reached && !reached.has(id)) setOnlyImpact(false);
    setFocus((f) => ({ ids: [id], seq: (f?.seq ?? 0) + 1 }));
  };
  /**
   * Picks the broken source and brings it into view with what it feeds directly and one step on,
   * at a zoom that reads (the whole impact of a production table spans the graph: the side panel
   * lists it, and "Only what it affects" draws it alone).
   */
  const pick = (id: string | null) => {
    pickBrokenSource(id);
    if (!id || !graph) return;
    const reach = impactOf(graph, id);
    const ids = [id, ...reach.affected.filter((a) => a.depth <= 2 || onlyImpact).map((a) => a.node)].filter((n) => {
      const kind = graph.nodes.find((x) => x.id === n)?.kind;
      return kind !== undefined && !hidden.has(kind);
    });
    setFocus((f) => ({ ids, seq: (f?.seq ?? 0) + 1 }));
  };

  const since = useMemo(() => {
    if (!source || !history) return null;
    const days = (broken.get(source) ?? []).map((r) => history.brokeOn[r.check.id]).filter((d): d is string => !!d);
    return days.sort()[0] ?? null;
  }, [source, history, broken]);

  if (error)
    return (
      <div className="gov-tab-body lg-tab" data-testid="gov-lineage-tab">
        <p className="lg-error" role="alert">
          <AlertTriangle size={15} aria-hidden /> {t('governance.lineage.failed', { message: error })}
        </p>
      </div>
    );
  if (!graph || !shown)
    return (
      <div className="gov-tab-body lg-tab" data-testid="gov-lineage-tab">
        <p className="empty-state" role="status">
          <Loader2 className="spin" size={15} aria-hidden /> {t('governance.lineage.loading')}
        </p>
      </div>
    );

  const candidates = sourceCandidates(graph);
  const options = [
    { value: NONE, label: t('governance.lineage.noSource') },
    ...candidates
      .filter((n) => broken.has(n.id))
      .map((n) => ({ value: n.id, label: n.label[lang], group: t('governance.lineage.withFailing') })),
    ...candidates
      .filter((n) => !broken.has(n.id))
      .map((n) => ({ value: n.id, label: n.label[lang], group: t(`governance.lineage.kinds.${n.kind}`) })),
  ];
  const presentKinds = LINEAGE_KINDS.filter((k) => (counts[k] ?? 0) > 0 && !hidden.has(k));

  return (
    <div className="gov-tab-body lg-tab" data-testid="gov-lineage-tab">
      <div className="step-toolbar lg-toolbar">
        <LineageSearch graph={graph} onPick={pick} />
        <label className="lg-source-pick">
          <span className="small muted">{t('governance.lineage.sourceLabel')}</span>
          <Select
            label={t('governance.lineage.sourceLabel')}
            value={source ?? NONE}
            options={options}
            onChange={(v) => pick(v === NONE ? null : v)}
            testId="lineage-source"
            minWidth={200}
          />
        </label>
        <label className="lg-only">
          <input
            type="checkbox"
            checked={onlyImpact}
            disabled={!impact}
            onChange={(e) => toggleOnly(e.target.checked)}
            data-testid="lineage-only-impact"
          />{' '}
          {t('governance.lineage.onlyImpact')}
        </label>
      </div>
      <div className="lg-filterbar">
        <KindFilter hidden={hidden} onChange={setLineageHidden} counts={counts} />
      </div>
      <Group orientation="horizontal" id="gov-lineage" className="lg-columns">
        <Panel id="gov-lineage-graph" minSize="360px">
          <div className="lg-graph-pane">
            <div className="lg-graph-bar">
              <span className="muted small">{impact ? t('governance.lineage.impactHint') : t('governance.lineage.hint')}</span>
              <LineageLegend kinds={presentKinds} />
            </div>
            {shown.nodes.length === 0 ? (
              <p className="empty-state">{t('governance.lineage.allHidden')}</p>
            ) : (
              <LineageCanvas
                shown={shown}
                broken={broken}
                selected={source}
                onSelect={(id) => {
                  if (id) pickBrokenSource(id);
                }}
                highlighted={highlighted}
                dimmed={dimmed}
                focus={focus}
                roleOf={roleOf}
              />
            )}
          </div>
        </Panel>
        <Separator className="resize-handle h" />
        <Panel id="gov-lineage-side" defaultSize="34" minSize="280px">
          <aside className="lg-side" aria-label={t('governance.lineage.sideLabel')} tabIndex={0}>
            {impact ? (
              <LineageImpact
                graph={graph}
                impact={impact}
                checks={broken.get(impact.source) ?? []}
                since={since}
                onFocus={focusOn}
                onClear={() => pick(null)}
              />
            ) : (
              <NoSource
                broken={[...broken.keys()].map((id) => graph.nodes.find((n) => n.id === id)).filter((n): n is LineageNode => !!n)}
                onPick={pick}
              />
            )}
            {graph.problems.length > 0 ? (
              <details className="lg-problems" data-testid="lineage-problems">
                <summary>
                  <AlertTriangle size={13} aria-hidden /> {t('governance.lineage.problems', { count: graph.problems.length })}
                </summary>
                <ul>
                  {graph.problems.map((p, i) => (
                    <li key={i}>
                      <code>{graph.nodes.find((n) => n.id === p.node)?.label[lang] ?? p.node}</code>: {p.message}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </aside>
        </Panel>
      </Group>
    </div>
  );
}

/** Before a source is picked: how to pick one, and the sources whose checks failed in the last run. */
function NoSource({ broken, onPick }: { broken: LineageNode[]; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  return (
    <div className="lg-nosource">
      <h2 className="lg-panel-title">{t('governance.lineage.pickTitle')}</h2>
      <p>{t('governance.lineage.pickBody')}</p>
      {broken.length > 0 ? (
        <>
          <h3 className="lg-subhead">{t('governance.lineage.withFailing')}</h3>
          <ul className="lg-quick">
            {broken.map((n) => {
              const Icon = KIND_ICONS[n.kind as LineageNodeKind];
              return (
                <li key={n.id}>
                  <button type="button" className="btn small" onClick={() => onPick(n.id)} data-testid="pick-broken">
                    <Icon aria-hidden /> {n.label[lang]}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="muted small">{t('governance.lineage.runChecksFirst')}</p>
      )}
    </div>
  );
}
