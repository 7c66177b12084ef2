import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, Copy, Users, X } from 'lucide-react';
import { impactMessage } from '../../../core/governance/impact.ts';
import type { CheckResult, Impact, LineageGraph, LineageNode, LineageNodeKind } from '../../../core/governance/types.ts';
import type { Localized } from '../../../core/datasets/catalog.ts';
import { useStore } from '../../state/store.ts';
import { KIND_ICONS, LINEAGE_KINDS } from './lineage-view.ts';
import { checkLabel } from './QualityResults.tsx';

/** A button that copies a text and says so for a moment. */
function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn small"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(
          () => {
            setCopied(true);
            window.setTimeout(() => setCopied(false), 1500);
          },
          () => undefined,
        );
      }}
    >
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />} {copied ? t('governance.lineage.copied') : label}
    </button>
  );
}

/**
 * The side panel of an impact: the broken source, everything downstream grouped by kind with its
 * owner team, then the owners to tell, each with the message the learner could send them
 * (impactMessage) and a Copy button. `since` and `problem` come from the quality checks when a
 * check on the source failed (and the history knows the day it broke).
 */
export function LineageImpact({
  graph,
  impact,
  checks,
  since,
  onFocus,
  onClear,
}: {
  graph: LineageGraph;
  impact: Impact;
  checks: readonly CheckResult[];
  since: string | null;
  onFocus: (id: string) => void;
  /** Given: a button clears the broken source. */
  onClear?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const teams = useStore((s) => s.catalog?.teams);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const source = byId.get(impact.source);
  const teamName = (id: string | null) => (id ? (teams?.[id]?.[lang] ?? id) : t('governance.lineage.noOwner'));
  const name = (n: LineageNode | undefined, id: string) => n?.label[lang] ?? id;
  const problem: Localized | null =
    checks.length > 0
      ? {
          ko: checks.map((c) => c.message?.ko ?? `${c.check.text}: ${c.failingCount}`).join(' '),
          en: checks.map((c) => c.message?.en ?? `${c.check.text}: ${c.failingCount}`).join(' '),
        }
      : null;
  const options = { since, problem, ...(teams ? { teams } : {}) };
  const groups = LINEAGE_KINDS.map((kind) => ({
    kind,
    items: impact.affected.filter((a) => byId.get(a.node)?.kind === kind),
  })).filter((g) => g.items.length > 0);
  const Icon = source ? KIND_ICONS[source.kind] : null;

  return (
    <div className="lg-impact" data-testid="impact-panel">
      <div className="lg-impact-head">
        <h2 className="lg-panel-title">
          {Icon ? <Icon size={15} aria-hidden /> : null}
          <span>{t('governance.lineage.brokenSource', { name: name(source, impact.source) })}</span>
        </h2>
        {onClear ? (
          <button
            type="button"
            className="btn ghost small icon"
            onClick={onClear}
            aria-label={t('governance.lineage.clear')}
            title={t('governance.lineage.clear')}
            data-testid="impact-clear"
          >
            <X aria-hidden />
          </button>
        ) : null}
      </div>
      <p className="muted small">
        {source ? `${t(`governance.lineage.kind.${source.kind}`)} · ${teamName(source.owner)}` : null}
        {since ? ` · ${t('governance.lineage.since', { day: since })}` : null}
      </p>
      {checks.length > 0 ? (
        <ul className="lg-failing-checks" aria-label={t('governance.lineage.failingChecks')}>
          {checks.map((c) => (
            <li key={c.check.id}>
              <code>{checkLabel(c.check)}</code>
              {c.failingCount > 0
                ? ` — ${t('governance.lineage.failingCount', { count: c.failingCount })}`
                : c.message
                  ? ` — ${c.message[lang]}`
                  : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="lg-impact-count" role="status" data-testid="impact-count">
        {impact.affected.length === 0
          ? t('governance.lineage.nothingDownstream')
          : t('governance.lineage.affectedCount', {
              count: impact.affected.length,
              kinds: groups.map((g) => t(`governance.lineage.kindCount.${g.kind}`, { count: g.items.length })).join(', '),
            })}
      </p>
      {groups.map((g) => {
        const KindIcon = KIND_ICONS[g.kind];
        return (
          <section key={g.kind} className="lg-affected" aria-labelledby={`lg-aff-${g.kind}`}>
            <h3 id={`lg-aff-${g.kind}`} className="lg-subhead">
              <KindIcon size={13} aria-hidden /> {t(`governance.lineage.kinds.${g.kind}`)} <span className="muted">({g.items.length})</span>
            </h3>
            <ul data-testid={`affected-${g.kind}`}>
              {g.items.map((a) => {
                const n = byId.get(a.node);
                return (
                  <li key={a.node} data-testid="affected-node" data-node={a.node}>
                    <button
                      type="button"
                      className="lg-link"
                      onClick={() => onFocus(a.node)}
                      title={a.path.map((p) => name(byId.get(p), p)).join(' → ')}
                    >
                      {name(n, a.node)}
                    </button>
                    <span className="lg-owner">{teamName(n?.owner ?? null)}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {impact.owners.length > 0 ? (
        <section className="lg-owners" aria-labelledby="lg-owners-title">
          <h3 id="lg-owners-title" className="lg-subhead">
            <Users size={13} aria-hidden /> {t('governance.lineage.ownersToTell', { count: impact.owners.length })}
          </h3>
          <div className="lg-owner-all">
            <CopyButton
              text={impactMessage(impact, graph, lang, undefined, options)}
              label={t('governance.lineage.copyAll')}
              testId="copy-all-message"
            />
          </div>
          {impact.owners.map((o) => {
            const message = impactMessage(impact, graph, lang, o.team, options);
            const theirs = o.nodes.filter((n) => n !== impact.source);
            return (
              <details key={o.team} className="lg-owner-card" data-testid="owner-card" data-team={o.team}>
                <summary>
                  <strong>{teamName(o.team)}</strong>
                  <span className="muted small">
                    {' '}
                    ·{' '}
                    {o.nodes.includes(impact.source) && theirs.length === 0
                      ? t('governance.lineage.ownsSource')
                      : o.nodes.includes(impact.source)
                        ? t('governance.lineage.ownsSourceAnd', { count: theirs.length })
                        : t('governance.lineage.theirItems', { count: theirs.length })}
                  </span>
                </summary>
                <pre className="lg-message" data-testid="owner-message">
                  {message}
                </pre>
                <CopyButton text={message} label={t('governance.lineage.copy')} testId="copy-message" />
              </details>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}

/** Kinds a legend shows, with their icon and name. */
export function LineageLegend({ kinds }: { kinds: readonly LineageNodeKind[] }) {
  const { t } = useTranslation();
  return (
    <ul className="lg-legend" aria-label={t('governance.lineage.legend')}>
      {kinds.map((k) => {
        const Icon = KIND_ICONS[k];
        return (
          <li key={k} className={`lg-kind-${k}`}>
            <Icon size={13} aria-hidden /> {t(`governance.lineage.kinds.${k}`)}
          </li>
        );
      })}
    </ul>
  );
}
