import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Tabs from '@radix-ui/react-tabs';
import { ChevronDown, ChevronRight } from 'lucide-react';
import type { Grain, Metric } from '../../../core/metrics/schema.ts';
import { renderMetricSql } from '../../../core/metrics/render-sql.ts';
import { CodeBlock } from '../../ui/CodeBlock.tsx';
import { langOf, ownerName } from './registry-view.ts';
import { TablesRead } from './TablesRead.tsx';

const SqlDiff = lazy(() => import('./SqlDiff.tsx'));

type Change = Metric['history'][number];

/** A recorded time as the reader's locale writes it (a bare date stays a date). */
export function formatWhen(at: string, lang: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(at);
  const d = new Date(dateOnly ? `${at}T00:00:00` : at);
  if (Number.isNaN(d.getTime())) return at;
  const locale = lang === 'ko' ? 'ko-KR' : 'en-GB';
  return dateOnly ? d.toLocaleDateString(locale, { dateStyle: 'medium' }) : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The SQL each change left behind: the previous SQL of the next change that has one, else the metric's SQL now. */
export function sqlAfter(history: readonly Change[], index: number, current: string): string {
  for (let k = index + 1; k < history.length; k++) {
    const prev = history[k]?.previousSql;
    if (prev !== undefined) return prev;
  }
  return current;
}

/**
 * A metric's audit trail: its query (as written, or rendered at the chart's grain), the tables and
 * columns it reads (parsed from the SQL) and its change history, newest first, with the SQL before
 * a change comparable with the SQL after it.
 */
export function AuditTrail({ metric, grain }: { metric: Metric; grain: Grain }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [rendered, setRendered] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const renderedSql = useMemo(() => {
    try {
      return renderMetricSql(metric.sql, grain);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }, [metric.sql, grain]);
  const changes = metric.history.map((change, index) => ({ change, index })).reverse();
  const grainWord = t(`metrics.chart.grainWords.${grain}`);

  const what = (change: Change): string =>
    change.text?.[lang] ??
    change.summary
      .split(/,\s*/)
      .map((w) => t(`metrics.audit.fields.${w}`, { defaultValue: w }))
      .join(', ');

  return (
    <section className="mx-card" aria-labelledby="mx-audit-title" data-testid="audit-trail">
      <header className="mx-card-head">
        <h3 id="mx-audit-title">{t('metrics.audit.title')}</h3>
      </header>
      <Tabs.Root defaultValue="query" className="mx-tabs">
        <Tabs.List className="tabs-list mx-tabs-list" aria-label={t('metrics.audit.title')}>
          <Tabs.Trigger value="query" className="tab" data-testid="audit-tab-query">
            {t('metrics.audit.query')}
          </Tabs.Trigger>
          <Tabs.Trigger value="reads" className="tab" data-testid="audit-tab-reads">
            {t('metrics.audit.reads')}
          </Tabs.Trigger>
          <Tabs.Trigger value="history" className="tab" data-testid="audit-tab-history">
            {t('metrics.audit.history')} <span className="mx-count">{metric.history.length}</span>
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="query" className="mx-tab-body">
          <div className="mx-seg mx-seg-small" role="radiogroup" aria-label={t('metrics.audit.query')}>
            <label className="mx-seg-item" data-checked={!rendered}>
              <input type="radio" name="mx-sql-view" checked={!rendered} onChange={() => setRendered(false)} />
              {t('metrics.audit.template')}
            </label>
            <label className="mx-seg-item" data-checked={rendered}>
              <input type="radio" name="mx-sql-view" checked={rendered} onChange={() => setRendered(true)} data-testid="audit-rendered" />
              {t('metrics.audit.rendered', { grain: grainWord })}
            </label>
          </div>
          <CodeBlock code={rendered ? renderedSql : metric.sql} copyable testId="metric-sql" />
          <p className="mx-muted mx-small">
            <code className="code-inline">{"{{ period('…') }}"}</code>
            {t('metrics.audit.templateHint')}
          </p>
        </Tabs.Content>
        <Tabs.Content value="reads" className="mx-tab-body">
          <TablesRead metric={metric} />
        </Tabs.Content>
        <Tabs.Content value="history" className="mx-tab-body">
          {changes.length === 0 ? (
            <p className="mx-muted">{t('metrics.audit.noHistory')}</p>
          ) : (
            <ol className="mx-history" data-testid="metric-history">
              {changes.map(({ change, index }) => {
                const expanded = open === index;
                return (
                  <li key={index} className="mx-history-item" data-testid={`history-${index}`}>
                    <div className="mx-history-row">
                      <time dateTime={change.at} className="mx-history-when">
                        {formatWhen(change.at, lang)}
                      </time>
                      <span className="mx-history-who">{ownerName(change.by, lang, t('metrics.audit.learner'))}</span>
                      <span className="mx-history-what">{what(change)}</span>
                    </div>
                    {change.previousSql !== undefined ? (
                      <>
                        <button
                          type="button"
                          className="btn ghost small"
                          aria-expanded={expanded}
                          onClick={() => setOpen(expanded ? null : index)}
                          data-testid={`history-diff-${index}`}
                        >
                          {expanded ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                          {expanded ? t('metrics.audit.hidePrevious') : t('metrics.audit.showPrevious')}
                        </button>
                        {expanded ? (
                          <div className="mx-diff-wrap">
                            <p className="mx-diff-legend">
                              <span className="mx-diff-key mx-diff-removed" aria-hidden />
                              {t('metrics.audit.previous')}
                              <span className="mx-diff-key mx-diff-added" aria-hidden />
                              {t('metrics.audit.current')}
                            </p>
                            <Suspense fallback={<CodeBlock code={change.previousSql} />}>
                              <SqlDiff
                                before={change.previousSql}
                                after={sqlAfter(metric.history, index, metric.sql)}
                                label={t('metrics.audit.diffLabel')}
                                path={`metric-history/${metric.id}/${index}`}
                              />
                            </Suspense>
                          </div>
                        ) : null}
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          )}
        </Tabs.Content>
      </Tabs.Root>
    </section>
  );
}
