import { useCallback, useMemo } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { ChevronDown, ChevronRight, Database, FileText } from 'lucide-react';
import type { CheckOutcome, CheckResult, QualityCheck, QualityRun } from '../../../core/governance/types.ts';
import { formatNumber } from '../../../core/format/number.ts';
import type { ColumnInfo } from '../../../core/sql/protocol.ts';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import { CodeBlock } from '../../ui/CodeBlock.tsx';
import { useStore } from '../../state/store.ts';
import { OUTCOMES, QualityBadge } from './QualityBadge.tsx';

/** Results grouped by the table (or lake file) they check, in the order the file lists them. */
export function groupByTable(results: readonly CheckResult[]): { key: string; dataset: string; table: string; results: CheckResult[] }[] {
  const groups = new Map<string, { key: string; dataset: string; table: string; results: CheckResult[] }>();
  for (const r of results) {
    const key = `${r.check.dataset}\u0000${r.check.table}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, dataset: r.check.dataset, table: r.check.table, results: [] };
      groups.set(key, g);
    }
    g.results.push(r);
  }
  return [...groups.values()];
}

/** The check's own name (`name:` in the file), or null when it has only the id made from its place. */
export function checkName(check: QualityCheck): string | null {
  return check.id.startsWith(`${check.dataset}/${check.table}/`) ? null : check.id;
}

/** How a check is named in one line: a custom SQL check ('failed rows') by its name, the others as written. */
export function checkLabel(check: QualityCheck): string {
  const name = checkName(check);
  return check.type === 'custom_sql' && name ? name : check.text;
}

/** How many checks had each outcome. */
export function outcomeCounts(results: readonly { outcome: CheckOutcome }[]): Record<CheckOutcome, number> {
  const counts: Record<CheckOutcome, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}

/** The measured value in words: hours for freshness, a count otherwise. */
function measured(result: CheckResult, lang: string): string {
  if (result.value === null) return '—';
  const n = formatNumber(Math.round(result.value * 100) / 100, lang);
  return result.check.type === 'freshness' ? i18next.t('governance.quality.hours', { n }) : n;
}

/** One check: its outcome, what it measured and how many rows failed; opened, why, the failing rows and the SQL. */
function CheckRow({
  result,
  open,
  onToggle,
  onReveal,
}: {
  result: CheckResult;
  open: boolean;
  onToggle: () => void;
  onReveal: (line: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const notify = useStore((s) => s.notify);
  const onCopied = useCallback(() => notify('success', t('results.copied')), [notify, t]);
  const columns = useMemo(
    (): ColumnInfo[] => result.failingRows.columns.map((name) => ({ name, declType: null })),
    [result.failingRows.columns],
  );
  const detailId = `qc-detail-${result.check.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const Chevron = open ? ChevronDown : ChevronRight;
  return (
    <li
      className={`qc-check qc-${result.outcome}${open ? ' open' : ''}`}
      data-testid="quality-check"
      data-check={result.check.id}
      data-outcome={result.outcome}
    >
      <button type="button" className="qc-check-head" aria-expanded={open} aria-controls={detailId} onClick={onToggle}>
        <Chevron size={14} aria-hidden className="qc-chevron" />
        <QualityBadge outcome={result.outcome} />
        <span className="qc-check-text">
          <code>{checkLabel(result.check)}</code>
          {checkName(result.check) && checkLabel(result.check) !== checkName(result.check) ? (
            <span className="muted small"> · {checkName(result.check)}</span>
          ) : null}
        </span>
        <span className="qc-check-figures">
          <span className="qc-figure" title={t('governance.quality.measured')}>
            <span className="qc-figure-label">{t('governance.quality.measuredShort')}</span> {measured(result, lang)}
          </span>
          {result.failingCount > 0 ? (
            <span className="qc-figure qc-failing" data-testid="failing-count">
              {t('governance.quality.failingRows', { count: result.failingCount, n: formatNumber(result.failingCount, lang) })}
            </span>
          ) : null}
        </span>
      </button>
      {open ? (
        <div className="qc-check-detail" id={detailId} data-testid="quality-check-detail">
          {result.message ? <p className={`qc-message qc-${result.outcome}`}>{result.message[lang]}</p> : null}
          <p className="muted small">
            <button type="button" className="qc-link" onClick={() => onReveal(result.check.line)} data-testid="check-line">
              {t('governance.quality.line', { line: result.check.line, type: result.check.type })}
            </button>
          </p>
          {result.failingRows.rows.length > 0 ? (
            <>
              <h4 className="qc-subhead">
                {result.failingCount > result.failingRows.rows.length
                  ? t('governance.quality.rowsShown', {
                      shown: formatNumber(result.failingRows.rows.length, lang),
                      total: formatNumber(result.failingCount, lang),
                    })
                  : t('governance.quality.rowsAll', { count: result.failingRows.rows.length })}
              </h4>
              <div className="qc-grid-box" data-testid="failing-rows">
                <ResultGrid columns={columns} rows={result.failingRows.rows} onCopied={onCopied} />
              </div>
            </>
          ) : result.outcome === 'pass' ? (
            <p className="muted small">{t('governance.quality.noFailing')}</p>
          ) : null}
          <details className="qc-sql" data-testid="check-sql">
            <summary>{t('governance.quality.sql')}</summary>
            <CodeBlock code={result.sql} copyable />
          </details>
        </div>
      ) : null}
    </li>
  );
}

/**
 * A run's results grouped by table: a summary of outcomes, then each check with its badge, the
 * value it measured and its failing count; one check at a time opens to its message, failing rows
 * (in the app's grid) and the SQL it ran. YAML problems, when the file did not parse, come first
 * and each jumps to its line.
 */
export function QualityResults({
  run,
  chosen,
  onChoose,
  onReveal,
  stale,
}: {
  run: QualityRun;
  chosen: string | null;
  onChoose: (id: string | null) => void;
  onReveal: (line: number) => void;
  stale: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const groups = useMemo(() => groupByTable(run.results), [run.results]);
  const counts = outcomeCounts(run.results);
  if (run.problems.length > 0)
    return (
      <div className="qc-problems" role="alert" data-testid="quality-problems">
        <p>
          <strong>{t('governance.quality.problems', { count: run.problems.length })}</strong>
        </p>
        <ul>
          {run.problems.map((p, i) => (
            <li key={i}>
              <button type="button" className="qc-link" onClick={() => onReveal(p.line)}>
                {t('governance.quality.atLine', { line: p.line })}
              </button>{' '}
              {p.message[lang]}
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="qc-results" data-testid="quality-results">
      <div className="qc-summary" role="status" data-testid="quality-summary">
        <span>
          {t('governance.quality.summary', {
            count: run.results.length,
            seconds: formatNumber(Math.max(0.1, Math.round(run.elapsedMs / 100) / 10), lang),
          })}
        </span>
        {OUTCOMES.filter((o) => counts[o] > 0).map((o) => (
          <QualityBadge key={o} outcome={o} count={counts[o]} />
        ))}
      </div>
      {stale ? (
        <p className="qc-stale" data-testid="quality-stale">
          {t('governance.quality.stale')}
        </p>
      ) : null}
      {groups.map((g) => {
        const lake = g.dataset.startsWith('lake:');
        const Icon = lake ? FileText : Database;
        const failing = g.results.filter((r) => r.outcome !== 'pass').length;
        return (
          <section
            key={g.key}
            className="qc-group"
            aria-labelledby={`qc-g-${g.key.replace(/[^A-Za-z0-9]/g, '_')}`}
            data-testid="quality-group"
          >
            <h3 className="qc-group-title" id={`qc-g-${g.key.replace(/[^A-Za-z0-9]/g, '_')}`}>
              <Icon size={14} aria-hidden />
              <span className="qc-group-table">{g.table}</span>
              <span className="muted qc-group-source">{lake ? g.dataset.slice(5) : g.dataset}</span>
              <span className="spacer" />
              <span className="muted small">
                {failing === 0
                  ? t('governance.quality.groupClean', { count: g.results.length })
                  : t('governance.quality.groupBad', { count: failing, total: g.results.length })}
              </span>
            </h3>
            <ul className="qc-checks">
              {g.results.map((r) => (
                <CheckRow
                  key={r.check.id}
                  result={r}
                  open={chosen === r.check.id}
                  onToggle={() => onChoose(chosen === r.check.id ? null : r.check.id)}
                  onReveal={onReveal}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
