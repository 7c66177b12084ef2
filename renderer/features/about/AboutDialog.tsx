import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertTriangle, Search } from 'lucide-react';
import { Dialog } from '../../ui/Dialog.tsx';
import { getHost } from '../../host/host.ts';
import type { AppInfo } from '../../../core/contract.ts';
import { queryData } from '../sandbox/workbench.ts';
import { setAboutOpen, useAbout } from './about-store.ts';
import { filterLicenses, loadLicenses, type LicenseEntry, type LicenseReport } from './licenses-data.ts';
import './about.css';

type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'missing' };

/** The engine's own answer to `SELECT sqlite_version()`, through the sandbox's SQL client. */
async function sqliteVersion(): Promise<string | null> {
  try {
    const result = await queryData('SELECT sqlite_version() AS v', 1);
    const value = result.error ? null : result.results[0]?.rows[0]?.[0];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function entryId(e: LicenseEntry): string {
  return `${e.name}@${e.version}`;
}

/** One component's licence: its name, licence, and the texts it carries. */
function LicenseDetail({ entry, report }: { entry: LicenseEntry; report: LicenseReport }) {
  const { t } = useTranslation();
  const text = entry.licenseText === null ? null : report.texts[entry.licenseText];
  const notice = entry.noticeText === null ? null : report.texts[entry.noticeText];
  return (
    <div className="about-detail" data-testid="about-licence-detail">
      <h3>
        {entry.name} <span className="muted">{entry.version}</span>
      </h3>
      <p className="about-detail-meta">
        <span className="about-licence-id">{entry.license}</span> · {t(`about.kind.${entry.kind}`)}
        {entry.direct ? ` · ${t('about.direct')}` : ''}
        {entry.unknown ? (
          <span className="about-unknown">
            <AlertTriangle aria-hidden /> {t('about.unknown')}
          </span>
        ) : null}
      </p>
      {text ? (
        <>
          <h4>{t('about.licenceText')}</h4>
          <pre className="about-text" tabIndex={0} data-testid="about-licence-text">
            {text}
          </pre>
        </>
      ) : (
        <p className="muted" data-testid="about-licence-text">
          {t('about.noText', { license: entry.license })}
        </p>
      )}
      {notice ? (
        <>
          <h4>{t('about.notice')}</h4>
          <pre className="about-text" tabIndex={0}>
            {notice}
          </pre>
        </>
      ) : null}
    </div>
  );
}

/** The About dialog: version, the SQLite engine's version, and the generated licence list with search. */
export function AboutDialog() {
  const { t, i18n } = useTranslation();
  const open = useAbout((s) => s.open);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [sqlite, setSqlite] = useState<Loaded<string>>({ state: 'loading' });
  const [report, setReport] = useState<Loaded<LicenseReport>>({ state: 'loading' });
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    getHost()
      .appInfo()
      .then((value) => live && setInfo(value))
      .catch(() => undefined);
    void sqliteVersion().then((v) => live && setSqlite(v ? { state: 'ready', value: v } : { state: 'missing' }));
    loadLicenses()
      .then((value) => live && setReport(value ? { state: 'ready', value } : { state: 'missing' }))
      .catch(() => live && setReport({ state: 'missing' }));
    return () => {
      live = false;
    };
  }, [open]);

  const entries = useMemo(() => (report.state === 'ready' ? report.value.entries : []), [report]);
  const shown = useMemo(() => filterLicenses(entries, query), [entries, query]);
  const current = shown.find((e) => entryId(e) === selected) ?? null;
  const nf = new Intl.NumberFormat(i18n.language);
  const platform = !info ? '' : info.platform === 'web' ? t('about.platformWeb') : t('about.platformDesktop', { os: info.platform });

  return (
    <Dialog open={open} onOpenChange={setAboutOpen} title={t('about.title')} className="about-dialog" testId="about-dialog">
      <p>{t('about.tagline')}</p>
      <dl className="about-facts">
        <dt>{t('about.version')}</dt>
        <dd data-testid="about-version">{info?.version ?? __APP_VERSION__}</dd>
        <dt>{t('about.platform')}</dt>
        <dd>{platform}</dd>
        <dt>{t('about.sqlite')}</dt>
        <dd data-testid="about-sqlite">
          {sqlite.state === 'ready' ? sqlite.value : sqlite.state === 'loading' ? t('about.sqliteLoading') : t('about.sqliteUnavailable')}
        </dd>
      </dl>
      <section className="about-licences" aria-labelledby="about-licences-title">
        <h3 id="about-licences-title">{t('about.licences')}</h3>
        {report.state === 'loading' ? (
          <p className="muted">{t('about.loading')}</p>
        ) : report.state === 'missing' ? (
          <p className="muted" data-testid="about-licences-missing">
            {t('about.missing')}
          </p>
        ) : (
          <>
            <p className="about-note" data-testid="about-licences-count">
              {t('about.licencesNote', { count: entries.length, formatted: nf.format(entries.length) })}
              {report.value.unknown.length ? ` ${t('about.unknownCount', { count: report.value.unknown.length })}` : ''}
            </p>
            <div className="about-search">
              <Search aria-hidden />
              <input
                className="input"
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder={t('about.search')}
                aria-label={t('about.search')}
                data-testid="about-search"
              />
            </div>
            <div className="about-columns">
              <ul className="about-list" aria-label={t('about.licences')} data-testid="about-licence-list">
                {shown.map((e) => (
                  <li key={entryId(e)}>
                    <button
                      className="about-item"
                      aria-current={current && entryId(current) === entryId(e) ? 'true' : undefined}
                      onClick={() => setSelected(entryId(e))}
                      data-testid="about-licence-item"
                    >
                      <span className="about-item-name">
                        {e.name} <span className="muted">{e.version}</span>
                      </span>
                      <span className={`about-item-licence ${e.unknown ? 'unknown' : ''}`}>
                        {e.unknown ? <AlertTriangle aria-label={t('about.unknown')} /> : null}
                        {e.license}
                      </span>
                    </button>
                  </li>
                ))}
                {shown.length === 0 ? <li className="muted about-empty">{t('about.noMatch', { query })}</li> : null}
              </ul>
              {current ? <LicenseDetail entry={current} report={report.value} /> : <p className="muted about-choose">{t('about.choose')}</p>}
            </div>
          </>
        )}
      </section>
      <div className="dialog-actions">
        <button className="btn" onClick={() => setAboutOpen(false)} data-testid="about-close">
          {t('about.close')}
        </button>
      </div>
    </Dialog>
  );
}
