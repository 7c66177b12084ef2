import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { AlertTriangle, CheckCheck, Flame, Loader2, Plus, RotateCcw, X } from 'lucide-react';
import { impactOf } from '../../../core/governance/impact.ts';
import type { ImpactAnswer, ImpactStep } from '../../../core/lessons/kinds/governance-schemas.ts';
import type { CheckResult, LineageNode } from '../../../core/governance/types.ts';
import { useStore } from '../../state/store.ts';
import { shownKeys } from '../../commands/commands.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { useLineageGraph } from '../governance/lineage-data.ts';
import { KIND_ICONS, LINEAGE_KINDS, visibleGraph } from '../governance/lineage-view.ts';
import { LineageCanvas } from '../governance/LineageCanvas.tsx';
import { LineageImpact, LineageLegend } from '../governance/LineageImpact.tsx';
import { KindFilter, LineageSearch } from '../governance/LineageTab.tsx';
import { checkStep } from './lesson-actions.ts';
import { impactDraft, impactDraftKey, saveImpactDraft } from './governance-answers.ts';
import '../governance/lineage.css';

const NO_CHECKS: ReadonlyMap<string, readonly CheckResult[]> = new Map();

/** Where a node's kind comes in the flow (unknown ids last). */
function kindRank(node: LineageNode | undefined): number {
  return node ? LINEAGE_KINDS.indexOf(node.kind) : LINEAGE_KINDS.length;
}

/**
 * An impact step's work area: the company's lineage graph (search, filter by kind, zoom and fit),
 * and beside it the learner's answer built by hand: the node they say is the broken source, the
 * nodes they mark as affected (click or Enter on a node, then the buttons), the owner teams to
 * tell. Nothing is traced for them until their answer passes: then the full impact, with each
 * owner's message to copy, shows as the graded result.
 */
export function ImpactStepArea({ step, answerKey }: { step: ImpactStep; answerKey: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const checking = useStore((s) => s.checking);
  const teams = useStore((s) => s.catalog?.teams);
  const passed = useStore((s) => {
    const outcome = s.outcomes[answerKey];
    return !!outcome && 'verdict' in outcome && outcome.verdict.pass;
  });
  useStore((s) => s.queries.drafts[impactDraftKey(answerKey)]);
  const answer = impactDraft(answerKey);
  const { graph, error } = useLineageGraph();
  const [inspected, setInspected] = useState<string | null>(null);
  const [hidden, setHidden] = useState<string[]>([]);
  const [focus, setFocus] = useState<{ ids: readonly string[]; seq: number } | null>(null);
  const toInspector = useRef(false);
  useEffect(() => {
    if (!toInspector.current || !inspected) return;
    toInspector.current = false;
    document.querySelector<HTMLElement>('[data-testid="impact-inspector"] button:not([disabled])')?.focus();
  }, [inspected, focus]);
  const hiddenSet = useMemo(() => new Set(hidden), [hidden]);
  const byId = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, n])), [graph]);
  const shown = useMemo(() => (graph ? visibleGraph(graph, hiddenSet) : null), [graph, hiddenSet]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const n of graph?.nodes ?? []) c[n.kind] = (c[n.kind] ?? 0) + 1;
    return c;
  }, [graph]);
  const marked = useMemo(() => new Set(answer.affected), [answer.affected]);
  // The source shows in the danger colour, as a node with failing checks does on the Lineage tab.
  const sourceMark = useMemo(
    (): ReadonlyMap<string, readonly CheckResult[]> => (answer.source ? new Map([[answer.source, []]]) : NO_CHECKS),
    [answer.source],
  );
  const impact = useMemo(() => (passed && graph && answer.source ? impactOf(graph, answer.source) : null), [passed, graph, answer.source]);
  const roleOf = useCallback(
    (id: string) => (id === answer.source ? t('governance.lineage.isSource') : marked.has(id) ? t('governance.impactStep.marked') : ''),
    [answer.source, marked, t],
  );

  const save = (patch: Partial<ImpactAnswer>) => saveImpactDraft(answerKey, { ...answer, ...patch });
  const setSource = (id: string) => save({ source: id, affected: answer.affected.filter((a) => a !== id) });
  const toggleMark = (id: string) =>
    save({ affected: marked.has(id) ? answer.affected.filter((a) => a !== id) : [...answer.affected, id] });
  const toggleOwner = (team: string) =>
    save({ owners: answer.owners.includes(team) ? answer.owners.filter((o) => o !== team) : [...answer.owners, team] });
  const focusOn = (id: string) => {
    const node = byId.get(id);
    if (node && hiddenSet.has(node.kind)) setHidden(hidden.filter((k) => k !== node.kind));
    setInspected(id);
    setFocus((f) => ({ ids: [id], seq: (f?.seq ?? 0) + 1 }));
    // Found by name (or from the list): the keyboard goes on to what to say about it, not through every node of the graph.
    toInspector.current = true;
  };
  const name = (id: string) => byId.get(id)?.label[lang] ?? id;
  const node = inspected ? byId.get(inspected) : undefined;
  const teamName = (id: string | null) => (id ? (teams?.[id]?.[lang] ?? id) : t('governance.lineage.noOwner'));

  if (error)
    return (
      <div className="panel lesson-workbench" data-testid="impact-step">
        <p className="lg-error" role="alert">
          <AlertTriangle size={15} aria-hidden /> {t('governance.lineage.failed', { message: error })}
        </p>
      </div>
    );

  return (
    <div className="panel lesson-workbench" data-testid="impact-step">
      <div className="step-toolbar lg-toolbar">
        <Tooltip text={t('commands.check')} keys={shownKeys('check')}>
          <button className="btn primary" onClick={() => void checkStep()} aria-disabled={checking} data-testid="check">
            {checking ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />} {t('lesson.check')}
          </button>
        </Tooltip>
        {graph ? <LineageSearch graph={graph} onPick={focusOn} /> : null}
        <span className="spacer" />
        <button
          className="btn ghost small"
          onClick={() => saveImpactDraft(answerKey, { source: '', affected: [], owners: [] })}
          data-testid="impact-restart"
        >
          <RotateCcw aria-hidden /> <span className="btn-label">{t('lesson.restartWork')}</span>
        </button>
      </div>
      {graph && shown ? (
        <>
          <div className="lg-filterbar">
            <KindFilter hidden={hiddenSet} onChange={setHidden} counts={counts} />
          </div>
          <Group orientation="horizontal" id="impact-step-columns" className="lg-columns">
            <Panel id="impact-step-graph" minSize="300px">
              <div className="lg-graph-pane">
                <div className="lg-graph-bar">
                  <span className="muted small">{t('governance.impactStep.hint')}</span>
                  <LineageLegend kinds={LINEAGE_KINDS.filter((k) => (counts[k] ?? 0) > 0 && !hiddenSet.has(k))} />
                </div>
                <LineageCanvas
                  shown={shown}
                  broken={sourceMark}
                  selected={inspected}
                  onSelect={setInspected}
                  highlighted={marked}
                  focus={focus}
                  roleOf={roleOf}
                  testId="impact-graph"
                />
              </div>
            </Panel>
            <Separator className="resize-handle h" />
            <Panel id="impact-step-side" defaultSize="38" minSize="260px">
              <aside className="lg-side" aria-label={t('governance.impactStep.answer')} tabIndex={0} data-testid="impact-answer">
                {node ? (
                  <Inspector node={node} answer={answer} marked={marked} teamName={teamName} onSource={setSource} onMark={toggleMark} />
                ) : (
                  <p className="muted small">{t('governance.impactStep.inspectHint')}</p>
                )}
                <section aria-labelledby="impact-source-title">
                  <h3 id="impact-source-title" className="lg-subhead">
                    <Flame size={13} aria-hidden /> {t('governance.lineage.sourceLabel')}
                  </h3>
                  {answer.source ? (
                    <p data-testid="impact-source">
                      <button type="button" className="lg-link" onClick={() => focusOn(answer.source)}>
                        {name(answer.source)}
                      </button>
                    </p>
                  ) : (
                    <p className="muted small">{t('governance.impactStep.noSource')}</p>
                  )}
                </section>
                <section aria-labelledby="impact-marked-title">
                  <h3 id="impact-marked-title" className="lg-subhead">
                    {t('governance.impactStep.markedTitle', { count: answer.affected.length })}
                  </h3>
                  <p className="muted small">
                    {t('governance.impactStep.markKinds', { kinds: step.mark.map((k) => t(`governance.lineage.kinds.${k}`)).join(', ') })}
                  </p>
                  {answer.affected.length > 0 ? (
                    <ul className="lg-marked" data-testid="impact-marked">
                      {[...answer.affected]
                        .sort((a, b) => kindRank(byId.get(a)) - kindRank(byId.get(b)))
                        .map((id) => {
                          const n = byId.get(id);
                          const Icon = n ? KIND_ICONS[n.kind] : null;
                          return (
                            <li key={id}>
                              {Icon ? <Icon size={13} aria-hidden /> : null}
                              <button type="button" className="lg-link" onClick={() => focusOn(id)}>
                                {name(id)}
                              </button>
                              <button
                                type="button"
                                className="btn ghost small icon"
                                onClick={() => toggleMark(id)}
                                aria-label={t('governance.impactStep.unmarkNamed', { name: name(id) })}
                                title={t('governance.impactStep.unmark')}
                              >
                                <X aria-hidden />
                              </button>
                            </li>
                          );
                        })}
                    </ul>
                  ) : null}
                </section>
                {step.owners ? (
                  <fieldset className="lg-owner-pick" data-testid="impact-owners">
                    <legend className="lg-subhead">{t('governance.impactStep.ownersTitle')}</legend>
                    {Object.keys(teams ?? {}).map((team) => (
                      <label key={team}>
                        <input
                          type="checkbox"
                          checked={answer.owners.includes(team)}
                          onChange={() => toggleOwner(team)}
                          data-testid={`impact-owner-${team}`}
                        />{' '}
                        {teamName(team)}
                      </label>
                    ))}
                  </fieldset>
                ) : null}
                {impact ? (
                  <section className="lg-graded" aria-label={t('governance.impactStep.fullImpact')} data-testid="impact-graded">
                    <h3 className="lg-subhead">{t('governance.impactStep.fullImpact')}</h3>
                    <LineageImpact graph={graph} impact={impact} checks={[]} since={null} onFocus={focusOn} />
                  </section>
                ) : null}
              </aside>
            </Panel>
          </Group>
        </>
      ) : (
        <p className="empty-state" role="status">
          <Loader2 className="spin" size={15} aria-hidden /> {t('governance.lineage.loading')}
        </p>
      )}
    </div>
  );
}

/** The node picked on the graph: what it is, who owns it, and the two things the learner can say about it. */
function Inspector(props: {
  node: LineageNode;
  answer: ImpactAnswer;
  marked: ReadonlySet<string>;
  teamName: (id: string | null) => string;
  onSource: (id: string) => void;
  onMark: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const { node, answer, marked } = props;
  const Icon = KIND_ICONS[node.kind];
  const isSource = answer.source === node.id;
  return (
    <section className="lg-inspector" aria-labelledby="impact-inspect-title" data-testid="impact-inspector">
      <h3 id="impact-inspect-title" className="lg-panel-title">
        <Icon size={15} aria-hidden /> <span>{node.label[lang]}</span>
      </h3>
      <p className="muted small">
        {t(`governance.lineage.kind.${node.kind}`)} · {props.teamName(node.owner)}
      </p>
      <div className="lg-inspector-actions">
        <button
          type="button"
          className="btn small"
          onClick={() => props.onSource(node.id)}
          disabled={isSource}
          data-testid="impact-set-source"
        >
          <Flame aria-hidden /> {isSource ? t('governance.impactStep.isSource') : t('governance.impactStep.setSource')}
        </button>
        {isSource ? null : (
          <button
            type="button"
            className="btn small"
            aria-pressed={marked.has(node.id)}
            onClick={() => props.onMark(node.id)}
            data-testid="impact-toggle-mark"
          >
            {marked.has(node.id) ? <X aria-hidden /> : <Plus aria-hidden />}{' '}
            {marked.has(node.id) ? t('governance.impactStep.unmark') : t('governance.impactStep.mark')}
          </button>
        )}
      </div>
    </section>
  );
}
