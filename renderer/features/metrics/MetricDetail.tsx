import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertTriangle, Copy, GitCompareArrows, Pencil, Trash2 } from 'lucide-react';
import type { NameConflict } from '../../../core/metrics/registry.ts';
import { GRAINS, type Metric } from '../../../core/metrics/schema.ts';
import { LANGS, type Lang } from '../../../core/lessons/localized.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { AuditTrail } from './AuditTrail.tsx';
import { MetricChart } from './MetricChart.tsx';
import { TypeBadge } from './MetricList.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { useMetricsStore } from './metrics-store.ts';
import { langOf, originOf, ownerName } from './registry-view.ts';

/** The warning on a metric whose name another metric uses for a different definition. */
function ConflictBanner({ metric, conflicts }: { metric: Metric; conflicts: { conflict: NameConflict; other: Metric }[] }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const selectMetric = useMetricsStore((s) => s.selectMetric);
  const showCompare = useMetricsStore((s) => s.showCompare);
  const others = conflicts.map((c) => `${c.other.name[lang]} (${c.other.id})`).join(', ');
  return (
    <div className="mx-banner" role="alert" data-testid="conflict-banner">
      <AlertTriangle aria-hidden className="mx-banner-icon" />
      <div>
        <strong>{t('metrics.conflict.title', { name: metric.name[lang] })}</strong>
        <p>{t('metrics.conflict.body', { count: conflicts.length, others })}</p>
        <div className="mx-banner-actions">
          {conflicts.map(({ other }) => (
            <button key={other.id} type="button" className="btn small" onClick={() => selectMetric(other.id)} data-testid={`conflict-open-${other.id}`}>
              {t('metrics.conflict.open', { name: `${other.name[lang]} (${other.id})` })}
            </button>
          ))}
          {conflicts.map(({ other }) => (
            <button
              key={`compare-${other.id}`}
              type="button"
              className="btn small"
              onClick={() => showCompare([metric.id, other.id])}
              data-testid={`conflict-compare-${other.id}`}
            >
              <GitCompareArrows aria-hidden />{' '}
              {conflicts.length === 1 ? t('metrics.conflict.compare') : t('metrics.conflict.compareWith', { name: `${other.name[lang]} (${other.id})` })}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

/**
 * One metric: what it means (the definition in either language), who owns it, the decision it
 * serves, its chart over time at a chosen grain, its audit trail and the learner's 3A review.
 * Published metrics are read-only here: the learner copies one to change it.
 */
export function MetricDetail({ metric, conflicts }: { metric: Metric; conflicts: { conflict: NameConflict; other: Metric }[] }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const grain = useMetricsStore((s) => s.grain);
  const setGrain = useMetricsStore((s) => s.setGrain);
  const openDialog = useMetricsStore((s) => s.openDialog);
  const saveReview = useMetricsStore((s) => s.saveReview);
  const [defLang, setDefLang] = useState<Lang | null>(null);
  const shownLang = defLang ?? lang;
  const origin = originOf(metric);
  const owner = ownerName(metric.owner, lang, t('metrics.audit.learner'));

  return (
    <article className="mx-detail" aria-labelledby="mx-detail-title" data-testid="metric-detail" data-metric={metric.id}>
      <header className="mx-detail-head">
        <div className="mx-detail-title">
          <h2 id="mx-detail-title">{metric.name[lang]}</h2>
          <TypeBadge type={metric.type} />
          <span className={`mx-badge mx-origin-${origin}`}>{t(`metrics.origin.${origin}`)}</span>
          <code className="mx-id">{metric.id}</code>
        </div>
        <div className="mx-detail-actions">
          {origin === 'published' ? (
            <Tooltip text={t('metrics.detail.copyHint')}>
              <button type="button" className="btn" onClick={() => openDialog({ kind: 'copy', id: metric.id })} data-testid="metric-copy">
                <Copy aria-hidden /> {t('metrics.detail.copy')}
              </button>
            </Tooltip>
          ) : (
            <>
              <button type="button" className="btn" onClick={() => openDialog({ kind: 'edit', id: metric.id })} data-testid="metric-edit">
                <Pencil aria-hidden /> {t('metrics.detail.edit')}
              </button>
              <button type="button" className="btn" onClick={() => openDialog({ kind: 'delete', id: metric.id })} data-testid="metric-delete">
                <Trash2 aria-hidden /> {origin === 'edited' ? t('metrics.detail.discard') : t('metrics.detail.delete')}
              </button>
            </>
          )}
        </div>
      </header>
      {origin === 'published' ? <p className="mx-muted mx-small mx-readonly">{t('metrics.detail.readOnly', { owner })}</p> : null}
      {conflicts.length > 0 ? <ConflictBanner metric={metric} conflicts={conflicts} /> : null}

      <section className="mx-card" aria-labelledby="mx-def-title">
        <header className="mx-card-head">
          <h3 id="mx-def-title">{t('metrics.detail.definition')}</h3>
          <div className="mx-seg mx-seg-small" role="radiogroup" aria-label={t('metrics.detail.definitionIn')}>
            {LANGS.map((l) => (
              <label key={l} className="mx-seg-item" data-checked={shownLang === l}>
                <input type="radio" name="mx-def-lang" checked={shownLang === l} onChange={() => setDefLang(l)} data-testid={`definition-lang-${l}`} />
                {l === 'ko' ? '한국어' : 'English'}
              </label>
            ))}
          </div>
        </header>
        <p className="mx-definition" lang={shownLang} data-testid="metric-definition">
          {metric.definition[shownLang]}
        </p>
        <dl className="mx-facts">
          <div>
            <dt>{t('metrics.detail.decision')}</dt>
            <dd lang={shownLang}>{metric.decision[shownLang]}</dd>
          </div>
          <div>
            <dt>{t('metrics.detail.owner')}</dt>
            <dd data-testid="metric-owner">{owner}</dd>
          </div>
          <div>
            <dt>{t('metrics.detail.type')}</dt>
            <dd>{metric.type === 'kpi' ? t('metrics.type.kpiLong') : t('metrics.type.metricLong')}</dd>
          </div>
          <div>
            <dt>{t('metrics.detail.unit')}</dt>
            <dd>{t(`metrics.unit.${metric.unit}`)}</dd>
          </div>
          <div>
            <dt>{t('metrics.detail.direction')}</dt>
            <dd>{metric.higherIsBetter ? t('metrics.detail.up') : t('metrics.detail.down')}</dd>
          </div>
        </dl>
      </section>

      <section className="mx-card" aria-labelledby="mx-chart-title">
        <header className="mx-card-head">
          <h3 id="mx-chart-title">{t('metrics.chart.title')}</h3>
          <div className="mx-seg mx-seg-small" role="radiogroup" aria-label={t('metrics.chart.grain')}>
            {GRAINS.map((g) => (
              <label key={g} className="mx-seg-item" data-checked={grain === g}>
                <input type="radio" name="mx-grain" checked={grain === g} onChange={() => setGrain(g)} data-testid={`grain-${g}`} />
                {t(`metrics.chart.grains.${g}`)}
              </label>
            ))}
          </div>
        </header>
        <MetricChart metric={metric} grain={grain} />
      </section>

      <AuditTrail key={metric.id} metric={metric} grain={grain} />
      <ReviewPanel review={metric.review} onChange={(review) => saveReview(metric.id, review)} />
    </article>
  );
}
