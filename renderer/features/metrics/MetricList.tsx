import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertTriangle } from 'lucide-react';
import type { Metric } from '../../../core/metrics/schema.ts';
import { langOf, originOf, ownerName } from './registry-view.ts';

/** The KPI / metric badge. */
export function TypeBadge({ type }: { type: Metric['type'] }) {
  const { t } = useTranslation();
  return <span className={`mx-badge mx-type-${type}`}>{type === 'kpi' ? t('metrics.type.kpi') : t('metrics.type.metric')}</span>;
}

/**
 * The registry's list: a listbox whose selection follows the arrow keys (Home and End too), one
 * tab stop for the whole list. Each row shows the name, the type badge, the owner, where the
 * metric comes from and a warning mark when its name is shared with a different definition.
 */
export function MetricList(props: { metrics: Metric[]; selected: string | null; conflicted: ReadonlySet<string>; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const refs = useRef(new Map<string, HTMLLIElement>());
  const { metrics, selected } = props;
  const current = metrics.some((m) => m.id === selected) ? selected : (metrics[0]?.id ?? null);

  const move = (e: KeyboardEvent<HTMLUListElement>) => {
    const index = metrics.findIndex((m) => m.id === current);
    let next: number;
    if (e.key === 'ArrowDown') next = Math.min(metrics.length - 1, index + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = metrics.length - 1;
    else return;
    e.preventDefault();
    const id = metrics[next]?.id;
    if (!id) return;
    props.onSelect(id);
    const el = refs.current.get(id);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <ul className="mx-list" role="listbox" aria-label={t('metrics.list.label')} onKeyDown={move} data-testid="metric-list">
      {metrics.map((m) => {
        const origin = originOf(m);
        const isSelected = m.id === props.selected;
        return (
          <li
            key={m.id}
            ref={(el) => {
              if (el) refs.current.set(m.id, el);
              else refs.current.delete(m.id);
            }}
            role="option"
            aria-selected={isSelected}
            tabIndex={m.id === current ? 0 : -1}
            className="mx-row"
            onClick={() => props.onSelect(m.id)}
            data-testid={`metric-row-${m.id}`}
          >
            <span className="mx-row-top">
              <span className="mx-row-name">{m.name[lang]}</span>
              {props.conflicted.has(m.id) ? (
                <span className="mx-row-warn" title={t('metrics.list.conflict')}>
                  <AlertTriangle size={14} aria-hidden />
                  <span className="sr-only">{t('metrics.list.conflict')}</span>
                </span>
              ) : null}
              <TypeBadge type={m.type} />
            </span>
            <span className="mx-row-meta">
              <span>{ownerName(m.owner, lang, t('metrics.audit.learner'))}</span>
              <span aria-hidden>·</span>
              <span className={origin === 'published' ? undefined : 'mx-row-own'}>{t(`metrics.origin.${origin}`)}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
