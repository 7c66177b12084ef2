import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GitCompareArrows, Plus, Search, X } from 'lucide-react';
import { Brand } from '../shell/Brand.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';
import { StatusBar } from '../sandbox/StatusBar.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Select } from '../../ui/Select.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { useStore } from '../../state/store.ts';
import { MetricDetail } from './MetricDetail.tsx';
import { MetricEditorDialog } from './MetricEditorDialog.tsx';
import { MetricList } from './MetricList.tsx';
import { CompareView } from './CompareView.tsx';
import { useMetricsStore, type TypeFilter } from './metrics-store.ts';
import { conflictsById, langOf, originOf, ownerName, ownersOf, registryList, visibleMetrics } from './registry-view.ts';
import './metrics.css';

const TYPE_FILTERS: TypeFilter[] = ['all', 'kpi', 'metric'];
// Radix Select takes no empty value; owners are team ids, which never contain '*'.
const ALL_OWNERS = '*';

/** The KPI registry: the metrics listed and searchable on the left, the selected one (or the two revenues compared) on the right. */
export function MetricsScreen() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const doc = useMetricsStore((s) => s.doc);
  const selected = useMetricsStore((s) => s.selected);
  const view = useMetricsStore((s) => s.view);
  const comparePair = useMetricsStore((s) => s.comparePair);
  const query = useMetricsStore((s) => s.query);
  const typeFilter = useMetricsStore((s) => s.typeFilter);
  const ownerFilter = useMetricsStore((s) => s.ownerFilter);
  const dialog = useMetricsStore((s) => s.dialog);
  const { selectMetric, setQuery, setTypeFilter, setOwnerFilter, clearFilters, openDialog, showCompare, deleteMetric } = useMetricsStore.getState();
  const notify = useStore((s) => s.notify);

  const list = useMemo(() => registryList(doc), [doc]);
  const shown = useMemo(() => visibleMetrics(list, query, typeFilter, ownerFilter), [list, query, typeFilter, ownerFilter]);
  const conflicts = useMemo(() => conflictsById(list), [list]);
  const conflicted = useMemo(() => new Set(conflicts.keys()), [conflicts]);
  // A deep link may select a metric the list filters hide: the detail still shows it.
  const current = list.find((m) => m.id === selected) ?? shown[0] ?? null;
  const you = t('metrics.audit.learner');
  const owners = ownersOf(list);
  const filtered = query !== '' || typeFilter !== 'all' || ownerFilter !== null;
  const deleting = dialog?.kind === 'delete' ? list.find((m) => m.id === dialog.id) : undefined;

  return (
    <div className="app">
      <header className="topbar" role="toolbar" aria-label={t('metrics.toolbar')}>
        <Brand />
        <span className="toolbar-sep" />
        <div className="toolbar-group">
          <Tooltip text={t('metrics.commands.newMetric')}>
            <button className="btn primary" onClick={() => openDialog({ kind: 'new' })} data-testid="metrics-new">
              <Plus aria-hidden /> <span className="btn-label">{t('metrics.newMetric')}</span>
            </button>
          </Tooltip>
          <Tooltip text={t('metrics.compareHint')}>
            <button className="btn" onClick={() => showCompare()} aria-pressed={view === 'compare' && comparePair === null} aria-label={t('metrics.compare')} data-testid="metrics-compare">
              <GitCompareArrows aria-hidden /> <span className="btn-label">{t('metrics.compare')}</span>
            </button>
          </Tooltip>
        </div>
        <div className="spacer" />
        <PaletteButton />
      </header>
      <main className="workspace mx-workspace" id="main-content" tabIndex={-1}>
        <h1 className="sr-only">{t('metrics.title')}</h1>
        <aside className="mx-side" aria-label={t('metrics.list.label')}>
          <div className="mx-filters">
            <div className="mx-search">
              <Search aria-hidden className="mx-search-icon" />
              <input
                className="input"
                type="search"
                value={query}
                placeholder={t('metrics.list.searchPlaceholder')}
                aria-label={t('metrics.list.search')}
                onChange={(e) => setQuery(e.target.value)}
                data-testid="metrics-search"
              />
            </div>
            <div className="mx-filter-row">
              <div className="mx-seg mx-seg-small" role="radiogroup" aria-label={t('metrics.list.type')}>
                {TYPE_FILTERS.map((f) => (
                  <label key={f} className="mx-seg-item" data-checked={typeFilter === f}>
                    <input type="radio" name="mx-type-filter" checked={typeFilter === f} onChange={() => setTypeFilter(f)} data-testid={`type-filter-${f}`} />
                    {t(`metrics.type.${f}`)}
                  </label>
                ))}
              </div>
              <Select
                label={t('metrics.list.owner')}
                value={ownerFilter ?? ALL_OWNERS}
                options={[{ value: ALL_OWNERS, label: t('metrics.list.allOwners') }, ...owners.map((o) => ({ value: o, label: ownerName(o, lang, you) }))]}
                onChange={(v) => setOwnerFilter(v === ALL_OWNERS ? null : v)}
                testId="owner-filter"
                minWidth={120}
              />
            </div>
            <p className="mx-muted mx-small mx-count-line" aria-live="polite" data-testid="metrics-count">
              {t('metrics.list.count', { count: shown.length })}
              {filtered ? (
                <button type="button" className="btn ghost small" onClick={clearFilters}>
                  <X aria-hidden /> {t('metrics.list.clear')}
                </button>
              ) : null}
            </p>
          </div>
          {shown.length === 0 ? (
            <p className="mx-muted mx-empty">{t('metrics.list.none')}</p>
          ) : (
            <MetricList metrics={shown} selected={view === 'metric' ? (current?.id ?? null) : null} conflicted={conflicted} onSelect={selectMetric} />
          )}
        </aside>
        <section className="mx-main" aria-label={t('metrics.detail.label')}>
          {view === 'compare' ? <CompareView /> : current ? <MetricDetail metric={current} conflicts={conflicts.get(current.id) ?? []} /> : <p className="mx-muted mx-empty">{t('metrics.detail.empty')}</p>}
        </section>
      </main>
      <StatusBar />
      <MetricEditorDialog dialog={dialog} list={list} />
      <Dialog
        open={!!deleting}
        onOpenChange={(o) => !o && openDialog(null)}
        title={deleting ? t(originOf(deleting) === 'edited' ? 'metrics.editor.discardTitle' : 'metrics.editor.deleteTitle', { name: deleting.name[lang] }) : ''}
        description={deleting ? t(originOf(deleting) === 'edited' ? 'metrics.editor.discardBody' : 'metrics.editor.deleteBody') : undefined}
        testId="metric-delete-dialog"
      >
        <div className="dialog-actions">
          <button className="btn" onClick={() => openDialog(null)}>
            {t('metrics.editor.cancel')}
          </button>
          <button
            className="btn danger"
            onClick={() => {
              if (!deleting) return;
              deleteMetric(deleting.id);
              notify('info', t('metrics.deleted', { name: deleting.name[lang] }));
            }}
            data-testid="metric-delete-confirm"
          >
            {deleting && originOf(deleting) === 'edited' ? t('metrics.editor.discardConfirm') : t('metrics.editor.deleteConfirm')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

export default MetricsScreen;
