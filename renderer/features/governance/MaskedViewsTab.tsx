import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckCheck, FolderOpen, Loader2, Play, Save, Square, Trash2 } from 'lucide-react';
import { formatNumber } from '../../../core/format/number.ts';
import { useStore } from '../../state/store.ts';
import { shownKeys } from '../../commands/commands.ts';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import { Select } from '../../ui/Select.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { useGovernanceStore } from './governance-store.ts';
import { MaskCheckPanel } from './MaskCheckPanel.tsx';
import { MASK_DATABASE, MASK_MIN_K, cancelMask, checkMask, maskSqlText, openSavedMask, runMask, saveMask, viewNameOf } from './mask-actions.ts';

// Monaco is big: it loads with the tab, not with the app.
const SqlTaskEditor = lazy(() => import('../pipeline/SqlTaskEditor.tsx'));

/** The Run's result: the last statement that returned columns, in the app's results grid. */
function MaskResults() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('ko') ? 'ko' : 'en';
  const run = useGovernanceStore((s) => s.maskRun);
  const notify = useStore((s) => s.notify);
  const onCopied = useCallback(() => notify('success', t('results.copied')), [notify, t]);
  let body;
  if (run.status === 'idle') body = <p className="gov-muted gov-pad">{t('governance.masked.resultsEmpty')}</p>;
  else if (run.status === 'running')
    body = (
      <p className="gov-muted gov-pad" role="status">
        <Loader2 className="spin" size={14} aria-hidden /> {t('governance.masked.running')}
      </p>
    );
  else if (run.status === 'error')
    body = (
      <p className="gov-error gov-pad" role="alert">
        {t('governance.masked.failed', { message: run.message })}
      </p>
    );
  else {
    const { result } = run;
    const last = [...result.results].reverse().find((r) => r.columns.length > 0);
    body = (
      <>
        {result.error ? (
          <p className="gov-error gov-pad" role="alert" data-testid="mask-sql-error">
            {t('governance.masked.error', { message: result.error.message })}
          </p>
        ) : null}
        {last ? (
          <>
            <p className="gov-muted gov-small gov-results-count" data-testid="mask-row-count">
              {last.truncated
                ? t('governance.masked.shown', { shown: formatNumber(last.rows.length, lang), total: formatNumber(last.rowCount, lang) })
                : t('governance.masked.rows', { count: last.rowCount, n: formatNumber(last.rowCount, lang) })}
            </p>
            <div className="gov-grid-wrap">
              <ResultGrid columns={last.columns} rows={last.rows} onCopied={onCopied} />
            </div>
          </>
        ) : !result.error ? (
          <p className="gov-muted gov-pad">{t('governance.masked.statementDone')}</p>
        ) : null}
      </>
    );
  }
  return (
    <section className="gov-mask-results" aria-label={t('governance.masked.results')} data-testid="mask-results">
      {body}
    </section>
  );
}

/** The saved views: open one in the editor, or delete it. */
function SavedViews() {
  const { t, i18n } = useTranslation();
  const views = useGovernanceStore((s) => s.doc.maskedViews);
  const deleteMaskedView = useGovernanceStore((s) => s.deleteMaskedView);
  const list = Object.values(views).sort((a, b) => a.name.localeCompare(b.name));
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="gov-saved" aria-labelledby="gov-saved-title" data-testid="mask-saved">
      <h3 id="gov-saved-title">{t('governance.masked.savedViews')}</h3>
      {list.length === 0 ? (
        <p className="gov-muted gov-small">{t('governance.masked.savedNone')}</p>
      ) : (
        <ul>
          {list.map((v) => (
            <li key={v.name} data-testid={`saved-view-${v.name}`}>
              <span className="gov-saved-name">
                <code>{v.name}</code>
                <span className="gov-muted gov-small">{t('governance.masked.savedAt', { when: when(v.savedAt) })}</span>
              </span>
              <Tooltip text={t('governance.masked.openHint')}>
                <button className="btn ghost small" onClick={() => openSavedMask(v.name)}>
                  <FolderOpen aria-hidden /> {t('governance.masked.open')}
                </button>
              </Tooltip>
              <Tooltip text={t('governance.masked.deleteHint', { name: v.name })}>
                <button className="btn ghost small" onClick={() => deleteMaskedView(v.name)} aria-label={t('governance.masked.deleteHint', { name: v.name })}>
                  <Trash2 aria-hidden />
                </button>
              </Tooltip>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The Masked views tab: write a view for analysts on the production data, run it, check it, keep it. */
export function MaskedViewsTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('ko') ? 'ko' : 'en';
  const maskSql = useGovernanceStore((s) => s.maskSql);
  const runStatus = useGovernanceStore((s) => s.maskRun.status);
  const check = useGovernanceStore((s) => s.maskCheck);
  const base = useGovernanceStore((s) => s.maskBase);
  const setMaskSql = useGovernanceStore((s) => s.setMaskSql);
  const setMaskBase = useGovernanceStore((s) => s.setMaskBase);
  const catalog = useStore((s) => s.catalog);
  // The starter follows the UI language until the learner edits it.
  const sql = useMemo(() => maskSql ?? maskSqlText(), [maskSql, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const view = viewNameOf(sql);
  const busy = runStatus === 'running' || check.status === 'running';
  const prod = catalog?.databases.find((d) => d.id === MASK_DATABASE);
  const tables = prod?.tables.map((tb) => tb.name) ?? [base];

  return (
    <div className="gov-tab-body gov-mask" data-testid="gov-masked">
      <div className="gov-mask-bar" role="toolbar" aria-label={t('governance.masked.label')}>
        <span className="gov-db-chip">{t('governance.masked.database', { database: prod ? `${prod.title[lang]} (${MASK_DATABASE})` : MASK_DATABASE })}</span>
        <Tooltip text={t('governance.masked.runHint')} keys={shownKeys('governance-mask-run')}>
          <button className="btn" onClick={() => void runMask()} aria-disabled={busy} data-testid="mask-run">
            {runStatus === 'running' ? <Loader2 className="spin" aria-hidden /> : <Play aria-hidden />} {t('governance.masked.run')}
          </button>
        </Tooltip>
        <Tooltip text={t('governance.masked.checkHint')}>
          <button className="btn primary" onClick={() => void checkMask()} aria-disabled={busy} data-testid="mask-check-button">
            {check.status === 'running' ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />} {t('governance.masked.check')}
          </button>
        </Tooltip>
        {busy ? (
          <button className="btn ghost" onClick={cancelMask} data-testid="mask-cancel">
            <Square aria-hidden /> {t('governance.masked.cancel')}
          </button>
        ) : null}
        <Tooltip text={t('governance.masked.saveHint')}>
          <button className="btn" onClick={saveMask} disabled={!view} data-testid="mask-save">
            <Save aria-hidden /> {t('governance.masked.save')}
          </button>
        </Tooltip>
        <span className="spacer" />
        <span className="gov-field">
          <span className="gov-muted gov-small">
            {t('governance.masked.base')}
          </span>
          <Select label={t('governance.masked.base')} value={base} options={tables.map((n) => ({ value: n, label: n }))} onChange={setMaskBase} testId="mask-base" minWidth={130} />
        </span>
      </div>
      <div className="gov-mask-layout">
        <div className="gov-mask-work">
          <div className="gov-mask-editor" data-testid="mask-editor">
            <Suspense fallback={<p className="gov-muted gov-pad">…</p>}>
              <SqlTaskEditor path="governance/masked-view.sql" value={sql} onChange={setMaskSql} label={t('governance.masked.editor')} />
            </Suspense>
          </div>
          <MaskResults />
        </div>
        <aside className="gov-mask-side" aria-label={t('governance.masked.side')}>
          {check.status === 'done' ? (
            <MaskCheckPanel check={check.check} minK={MASK_MIN_K} />
          ) : check.status === 'running' ? (
            <p className="gov-muted" role="status">
              <Loader2 className="spin" size={14} aria-hidden /> {t('governance.masked.checking')}
            </p>
          ) : check.status === 'error' ? (
            <p className="gov-error" role="alert" data-testid="mask-check-error">
              {t('governance.masked.failed', { message: check.message })}
            </p>
          ) : (
            <div className="gov-check-empty">
              <p className="gov-muted">{view ? t('governance.masked.checkEmpty') : t('governance.masked.noView')}</p>
              {view ? (
                <ul className="gov-muted gov-small">
                  <li>{t('governance.masked.checkList.direct')}</li>
                  <li>{t('governance.masked.checkList.ids')}</li>
                  <li>{t('governance.masked.checkList.rows')}</li>
                  <li>{t('governance.masked.checkList.k', { k: MASK_MIN_K })}</li>
                </ul>
              ) : null}
            </div>
          )}
          <SavedViews />
        </aside>
      </div>
    </div>
  );
}
