import { Fragment, memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GitCompareArrows, Search, X } from 'lucide-react';
import type { CatalogueEntry, PiiClass, TagComparison } from '../../../core/governance/types.ts';
import type { Localized } from '../../../core/datasets/catalog.ts';
import { Select, type SelectOption } from '../../ui/Select.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { useStore } from '../../state/store.ts';
import { useGovernanceStore } from './governance-store.ts';
import { ReferenceCell, TagControl } from './TagControl.tsx';
import { PII_CLASSES, catalogueProgress, facets, visibleEntries, type ClassFilter } from './catalogue-view.ts';
import { useCatalogue } from './use-catalogue.ts';

// Radix Select takes no empty value; owners and layers are ids, which never contain '*'.
const ALL = '*';
const NO_TEAMS: Record<string, Localized> = {};

type Lang = 'ko' | 'en';

const Row = memo(function Row(props: {
  entry: CatalogueEntry;
  tag: PiiClass | null;
  comparison: TagComparison | null;
  lang: Lang;
  onTag: (key: string, tag: PiiClass | null) => void;
}) {
  const { t } = useTranslation();
  const { entry, comparison, lang } = props;
  const differs = comparison !== null && comparison.yours !== null && !comparison.agrees;
  return (
    <>
      <tr className={differs ? 'gov-cat-row gov-cat-differs' : 'gov-cat-row'} data-testid={`cat-row-${entry.key}`}>
        <th scope="row" className="gov-cat-name">
          <code>{entry.column}</code>
        </th>
        <td className="gov-cat-desc">{entry.description[lang]}</td>
        <td className="gov-cat-tag">
          <TagControl tagKey={entry.key} tag={props.tag} label={t('governance.catalogue.tagFor', { column: `${entry.table}.${entry.column}` })} onTag={props.onTag} />
        </td>
        {comparison ? (
          <td className="gov-cat-ref" data-testid={`ref-${entry.key}`}>
            <ReferenceCell comparison={comparison} />
          </td>
        ) : null}
      </tr>
      {differs ? (
        <tr className="gov-cat-reason" data-testid={`reason-${entry.key}`}>
          <td colSpan={4}>
            <strong>{t('governance.catalogue.why', { klass: t(`governance.catalogue.classes.${comparison.reference}`) })}</strong> {comparison.reason[lang]}
          </td>
        </tr>
      ) : null}
    </>
  );
});

/** The heading row of one table's (or lake file's) columns: its name, layer, where it lives and its owner. */
function GroupRow({ entry, teams, lang, columns }: { entry: CatalogueEntry; teams: Record<string, Localized>; lang: Lang; columns: number }) {
  const { t } = useTranslation();
  return (
    <tr className="gov-cat-group">
      <th scope="colgroup" colSpan={columns}>
        <span className={`gov-layer gov-layer-${entry.layer}`}>{t(`governance.catalogue.layers.${entry.layer}`)}</span>
        <code className="gov-cat-table-name">{entry.layer === 'lake' ? entry.source : entry.table}</code>
        <span className="gov-cat-where">
          {entry.layer === 'lake' ? null : <>{entry.source} · </>}
          {teams[entry.owner]?.[lang] ?? entry.owner}
        </span>
      </th>
    </tr>
  );
}

/** The PII catalogue: every column of every layer and lake file, searchable and filterable; the learner tags and compares. */
export function CatalogueTab() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language.startsWith('ko') ? 'ko' : 'en';
  const catalogue = useCatalogue();
  const tags = useGovernanceStore((s) => s.doc.tags);
  const query = useGovernanceStore((s) => s.query);
  const classFilter = useGovernanceStore((s) => s.classFilter);
  const ownerFilter = useGovernanceStore((s) => s.ownerFilter);
  const layerFilter = useGovernanceStore((s) => s.layerFilter);
  const comparing = useGovernanceStore((s) => s.comparing);
  const { setQuery, setClassFilter, setOwnerFilter, setLayerFilter, clearFilters, setComparing, tagColumn } = useGovernanceStore.getState();
  const teams = useStore((s) => s.catalog?.teams ?? NO_TEAMS);
  const entries = catalogue.entries;

  const comparisons = useMemo(() => catalogue.compare(tags), [catalogue, tags]);
  const byKey = useMemo(() => new Map(comparisons.map((c) => [c.key, c])), [comparisons]);
  const progress = useMemo(() => catalogueProgress(entries, comparisons), [entries, comparisons]);
  // A reference filter means nothing while the reference is hidden: it falls back to every class.
  const effectiveClass: ClassFilter = !comparing && (classFilter.startsWith('ref:') || classFilter === 'differs') ? 'all' : classFilter;
  const shown = useMemo(
    // The search reads the reference's reasons and classes only once the learner compares (before, it would give the answers away).
    () => visibleEntries(entries, tags, { query, classFilter: effectiveClass, owner: ownerFilter, layer: layerFilter, comparing }, teams),
    [entries, tags, query, effectiveClass, ownerFilter, layerFilter, comparing, teams],
  );
  const { owners, layers } = useMemo(() => facets(entries), [entries]);
  const filtered = query !== '' || effectiveClass !== 'all' || ownerFilter !== null || layerFilter !== null;

  const classOptions: SelectOption[] = [
    { value: 'all', label: t('governance.catalogue.allClasses') },
    { value: 'yours:untagged', label: t('governance.catalogue.untagged'), group: t('governance.catalogue.yourTags') },
    ...PII_CLASSES.map((c) => ({ value: `yours:${c}`, label: t(`governance.catalogue.classes.${c}`), group: t('governance.catalogue.yourTags') })),
    ...(comparing
      ? [
          { value: 'differs', label: t('governance.catalogue.differs'), group: t('governance.catalogue.referenceGroup') },
          ...PII_CLASSES.map((c) => ({ value: `ref:${c}`, label: t(`governance.catalogue.classes.${c}`), group: t('governance.catalogue.referenceGroup') })),
        ]
      : []),
  ];

  if (catalogue.error) return <p className="gov-empty" role="alert">{t('governance.catalogue.failed', { message: catalogue.error })}</p>;
  if (entries.length === 0) return <p className="gov-empty">{t('governance.catalogue.loading')}</p>;

  return (
    <div className="gov-tab-body gov-catalogue" data-testid="gov-catalogue">
      <div className="gov-cat-bar">
        <div className="gov-search">
          <Search aria-hidden className="gov-search-icon" />
          <input
            className="input"
            type="search"
            value={query}
            placeholder={t('governance.catalogue.searchPlaceholder')}
            aria-label={t('governance.catalogue.search')}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="cat-search"
          />
        </div>
        <Select label={t('governance.catalogue.classFilter')} value={effectiveClass} options={classOptions} onChange={(v) => setClassFilter(v as ClassFilter)} testId="cat-class-filter" minWidth={130} />
        <Select
          label={t('governance.catalogue.ownerFilter')}
          value={ownerFilter ?? ALL}
          options={[{ value: ALL, label: t('governance.catalogue.allOwners') }, ...owners.map((o) => ({ value: o, label: teams[o]?.[lang] ?? o }))]}
          onChange={(v) => setOwnerFilter(v === ALL ? null : v)}
          testId="cat-owner-filter"
          minWidth={120}
        />
        <Select
          label={t('governance.catalogue.layerFilter')}
          value={layerFilter ?? ALL}
          options={[{ value: ALL, label: t('governance.catalogue.allLayers') }, ...layers.map((l) => ({ value: l, label: t(`governance.catalogue.layers.${l}`) }))]}
          onChange={(v) => setLayerFilter(v === ALL ? null : v)}
          testId="cat-layer-filter"
          minWidth={110}
        />
        <span className="spacer" />
        <Tooltip text={t('governance.catalogue.compareHint')}>
          <button className={comparing ? 'btn' : 'btn primary'} aria-pressed={comparing} onClick={() => setComparing(!comparing)} data-testid="cat-compare">
            <GitCompareArrows aria-hidden /> {comparing ? t('governance.catalogue.compareOff') : t('governance.catalogue.compare')}
          </button>
        </Tooltip>
      </div>
      <div className="gov-cat-status">
        <p className="gov-muted gov-small">{t('governance.catalogue.intro')}</p>
        <p className="gov-progress" aria-live="polite" data-testid="cat-progress">
          <span>{t('governance.catalogue.progressTagged', { tagged: progress.tagged, total: progress.total })}</span>
          {comparing ? (
            <>
              <span className="gov-progress-agree">{t('governance.catalogue.progressAgree', { agree: progress.agree })}</span>
              {progress.differ > 0 ? <span className="gov-progress-differ">{t('governance.catalogue.progressDiffer', { count: progress.differ })}</span> : null}
            </>
          ) : null}
          <progress max={progress.total} value={progress.tagged} aria-hidden />
        </p>
      </div>
      <p className="gov-muted gov-small gov-count-line" data-testid="cat-count">
        {t('governance.catalogue.count', { count: shown.length, total: entries.length })}
        {filtered ? (
          <button type="button" className="btn ghost small" onClick={clearFilters}>
            <X aria-hidden /> {t('governance.catalogue.clear')}
          </button>
        ) : null}
      </p>
      {shown.length === 0 ? (
        <p className="gov-empty">{t('governance.catalogue.none')}</p>
      ) : (
        <div className="gov-cat-scroll" tabIndex={-1}>
          <table className="gov-cat-table" aria-label={t('governance.catalogue.label')} data-testid="cat-table">
            <thead>
              <tr>
                <th scope="col">{t('governance.catalogue.head.column')}</th>
                <th scope="col">{t('governance.catalogue.head.description')}</th>
                <th scope="col">{t('governance.catalogue.head.tag')}</th>
                {comparing ? <th scope="col">{t('governance.catalogue.head.reference')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((e, i) => {
                const prev = shown[i - 1];
                const newGroup = !prev || prev.source !== e.source || prev.table !== e.table;
                return (
                  <Fragment key={e.key}>
                    {newGroup ? <GroupRow entry={e} teams={teams} lang={lang} columns={comparing ? 4 : 3} /> : null}
                    <Row entry={e} tag={tags[e.key] ?? null} comparison={comparing ? (byKey.get(e.key) ?? null) : null} lang={lang} onTag={tagColumn} />
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
