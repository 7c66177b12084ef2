import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Flag } from 'lucide-react';
import type { CheckOutcome, QualityCheck, QualityHistory } from '../../../core/governance/types.ts';
import { formatNumber } from '../../../core/format/number.ts';
import { OUTCOME_ICONS } from './QualityBadge.tsx';
import { checkLabel } from './QualityResults.tsx';

/** A run of consecutive days with one outcome. */
interface Segment {
  outcome: CheckOutcome;
  from: number;
  to: number;
}

/** Consecutive days with the same outcome joined into one segment (a strip of 548 days draws as a few boxes). */
export function segmentsOf(outcomes: readonly { outcome: CheckOutcome }[]): Segment[] {
  const out: Segment[] = [];
  outcomes.forEach((o, i) => {
    const last = out.at(-1);
    if (last && last.outcome === o.outcome) last.to = i;
    else out.push({ outcome: o.outcome, from: i, to: i });
  });
  return out;
}

/** The first day of each month among the days, with its index (the strip's axis). */
function monthTicks(days: readonly string[]): { index: number; label: string; year: boolean }[] {
  const ticks: { index: number; label: string; year: boolean }[] = [];
  let month = '';
  days.forEach((d, i) => {
    const m = d.slice(0, 7);
    if (m !== month) {
      month = m;
      const mm = Number(d.slice(5, 7));
      // Every half year is named; the months between are only marked.
      const named = mm === 1 || mm === 7 || ticks.length === 0;
      ticks.push({ index: i, label: named ? m : '', year: named });
    }
  });
  return ticks;
}

/**
 * How a check's history reads in one sentence: the day it broke, failing from the start (from its
 * table's first rows: `failingSince`, when the history has it), or never.
 */
export function historyStatus(
  outcomes: readonly { outcome: CheckOutcome }[],
  brokeOn: string | null,
  days: readonly string[],
  failingSince?: string | null,
): { kind: 'broke'; day: string } | { kind: 'always'; day: string } | { kind: 'never' } | { kind: 'error' } {
  if (brokeOn) return { kind: 'broke', day: brokeOn };
  if (outcomes.length > 0 && outcomes.every((o) => o.outcome === 'error')) return { kind: 'error' };
  // A history that knows which days had rows says it; a check failing only before its table had rows never broke.
  if (failingSince !== undefined) return failingSince ? { kind: 'always', day: failingSince } : { kind: 'never' };
  const first = outcomes.findIndex((o) => o.outcome === 'fail' || o.outcome === 'warn');
  if (first >= 0) return { kind: 'always', day: days[first] ?? '' };
  return { kind: 'never' };
}

/**
 * The check history: one strip per check across every simulated day (pass, warn, fail, error by
 * colour and by pattern, with a legend), the day each check broke flagged on its strip and named
 * in words ("missing_count(keyword) broke on 2025-01-15"). The checks that broke are listed first.
 */
export function QualityHistoryView({ history, checks }: { history: QualityHistory; checks: readonly QualityCheck[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const { days } = history;
  const ticks = useMemo(() => monthTicks(days), [days]);
  const rows = useMemo(() => {
    const byId = new Map(checks.map((c) => [c.id, c]));
    return Object.keys(history.outcomes).map((id) => {
      const outcomes = history.outcomes[id] ?? [];
      return {
        id,
        check: byId.get(id) ?? null,
        outcomes,
        segments: segmentsOf(outcomes),
        status: historyStatus(outcomes, history.brokeOn[id] ?? null, days, history.failingSince ? (history.failingSince[id] ?? null) : undefined),
      };
    });
  }, [history, checks, days]);
  // The checks that broke, the latest break first (as a monitor lists incidents), then the ones failing
  // throughout, then the rest in file order.
  const rank = (r: (typeof rows)[number]) =>
    r.status.kind === 'broke' ? 0 : r.status.kind === 'always' ? 1 : r.status.kind === 'error' ? 2 : 3;
  const ordered = [...rows].sort(
    (a, b) => rank(a) - rank(b) || (a.status.kind === 'broke' && b.status.kind === 'broke' ? b.status.day.localeCompare(a.status.day) : 0),
  );
  const broke = ordered.filter((r) => r.status.kind === 'broke');
  const pct = (i: number) => `${(i / Math.max(1, days.length)) * 100}%`;
  const name = (r: (typeof rows)[number]) => (r.check ? checkLabel(r.check) : r.id);
  const table = (r: (typeof rows)[number]) => (r.check ? `${r.check.dataset.replace(/^lake:/, '')} · ${r.check.table}` : '');

  if (days.length === 0) return <p className="empty-state">{t('governance.quality.history.noDays')}</p>;
  return (
    <div className="qc-history" data-testid="quality-history">
      <p className="qc-summary" role="status">
        {t('governance.quality.history.span', { days: formatNumber(days.length, lang), from: days[0], to: days.at(-1) })}
      </p>
      {broke.length > 0 ? (
        <ul className="qc-broke-list" aria-label={t('governance.quality.history.brokeList')} data-testid="history-broke-list">
          {broke.map((r) => (
            <li key={r.id} data-testid="history-broke">
              <Flag size={13} aria-hidden />{' '}
              {t('governance.quality.history.brokeSentence', { check: name(r), day: r.status.kind === 'broke' ? r.status.day : '' })}
              <span className="muted"> · {table(r)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('governance.quality.history.noneBroke')}</p>
      )}
      <ul className="qc-legend" aria-label={t('governance.quality.history.legend')}>
        {(['pass', 'warn', 'fail', 'error'] as const).map((o) => {
          const Icon = OUTCOME_ICONS[o];
          return (
            <li key={o}>
              <span className={`qc-swatch qc-seg-${o}`} aria-hidden />
              <Icon size={12} aria-hidden /> {t(`governance.quality.outcome.${o}`)}
            </li>
          );
        })}
        <li>
          <Flag size={12} aria-hidden className="qc-flag-icon" /> {t('governance.quality.history.brokeMark')}
        </li>
      </ul>
      <div className="qc-history-grid">
        <div className="qc-axis-label" aria-hidden />
        <div className="qc-axis" aria-hidden>
          {ticks.map((tick) => (
            <span key={tick.index} className={`qc-tick${tick.year ? ' year' : ''}`} style={{ left: pct(tick.index) }}>
              {tick.label}
            </span>
          ))}
        </div>
        <div aria-hidden />
        {ordered.map((r) => {
          const counts = { pass: 0, warn: 0, fail: 0, error: 0 };
          for (const o of r.outcomes) counts[o.outcome]++;
          const words = (['pass', 'warn', 'fail', 'error'] as const)
            .filter((o) => counts[o] > 0)
            .map((o) => t('governance.quality.history.daysOf', { outcome: t(`governance.quality.outcome.${o}`), count: counts[o] }))
            .join(', ');
          const statusText =
            r.status.kind === 'broke'
              ? t('governance.quality.history.brokeOn', { day: r.status.day })
              : r.status.kind === 'always'
                ? t('governance.quality.history.fromStart', { day: r.status.day })
                : r.status.kind === 'error'
                  ? t('governance.quality.history.neverRan')
                  : t('governance.quality.history.never');
          const brokeIndex = r.status.kind === 'broke' ? days.indexOf(r.status.day) : -1;
          return (
            <div
              key={r.id}
              className="qc-history-row"
              data-testid="history-row"
              data-check={r.id}
              data-broke={r.status.kind === 'broke' ? r.status.day : ''}
            >
              <div className="qc-history-name">
                <code title={name(r)}>{name(r)}</code>
                <span className="muted small">{table(r)}</span>
              </div>
              <div className="qc-strip" role="img" aria-label={`${name(r)}: ${words}. ${statusText}`}>
                {r.segments.map((s) => (
                  <span
                    key={s.from}
                    className={`qc-seg qc-seg-${s.outcome}`}
                    style={{ left: pct(s.from), width: pct(s.to - s.from + 1) }}
                    title={`${days[s.from]}${s.to > s.from ? ` – ${days[s.to]}` : ''}: ${t(`governance.quality.outcome.${s.outcome}`)}`}
                  />
                ))}
                {brokeIndex >= 0 ? <span className="qc-broke-mark" style={{ left: pct(brokeIndex) }} /> : null}
              </div>
              <div className={`qc-history-status ${r.status.kind}`}>
                {r.status.kind === 'broke' ? <Flag size={12} aria-hidden className="qc-flag-icon" /> : null} {statusText}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
