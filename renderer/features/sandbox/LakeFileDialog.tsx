import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lakeFileFields, type CatalogLakeFile, type CatalogLakeFolder } from '../../../core/datasets/catalog.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { PiiBadge } from './SchemaBrowser.tsx';
import { formatBytes } from './format-bytes.ts';
import { fetchLakeHead, LakeReadError, type LakeHead } from './lake-read.ts';

/** A read failure: its code picks the localised message at render time; the detail is kept as is. */
type ShownError = Pick<LakeReadError, 'code' | 'status' | 'detail'>;

/** A raw view of one lake file: its first lines exactly as stored, and what its fields mean. */
export function LakeFileDialog({
  target,
  onClose,
}: {
  target: { folder: CatalogLakeFolder; file: CatalogLakeFile } | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const [state, setState] = useState<LakeHead | ShownError | null>(null);
  const [wrap, setWrap] = useState(false);
  useEffect(() => {
    setState(null);
    if (!target) return;
    let live = true;
    // The bytes decide whether to unpack: a web server may already have unpacked a .gz file.
    fetchLakeHead(`datasets/${target.folder.path}/${target.file.name}`).then(
      (r) => live && setState(r),
      (e: unknown) => {
        if (!live) return;
        const err = e instanceof LakeReadError ? e : new LakeReadError('unknown', e instanceof Error ? e.message : String(e));
        setState({ code: err.code, status: err.status, detail: err.detail });
      },
    );
    return () => {
      live = false;
    };
  }, [target]);
  if (!target) return null;
  const { file } = target;
  const fields = lakeFileFields(target.folder, file);
  const size = formatBytes(file.sizeBytes, i18n.language);
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={file.name}
      description={file.description[lang]}
      className="lake-dialog"
      testId="lake-file-dialog"
    >
      <div className="lake-meta">
        <span className="muted small">
          {file.format.toUpperCase()}
          {file.compression ? ` (${file.compression})` : ''} · {size}
          {file.compression ? ` → ${formatBytes(file.uncompressedBytes, i18n.language)}` : ''}
        </span>
        <label className="wrap-toggle small">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> {t('lake.wrap')}
        </label>
      </div>
      {state === null ? (
        <p className="muted">{t('lake.loading')}</p>
      ) : 'code' in state ? (
        <div role="alert" className="lake-error" data-testid="lake-error">
          <p>{t(`lake.errors.${state.code}`, { status: state.status ?? '' })}</p>
          <p className="muted small">{t('lake.errorDetail', { message: state.detail })}</p>
        </div>
      ) : (
        <>
          {!state.complete ? <p className="truncated-note">{t('lake.truncated', { count: state.lines.length, size })}</p> : null}
          <pre className={`raw-view ${wrap ? 'wrap' : ''}`} tabIndex={0} data-testid="raw-view">
            {state.lines.map((line, i) => (
              <div key={i} className="raw-line">
                <span className="raw-no" aria-hidden>
                  {i + 1}
                </span>
                {i === 0 && line.startsWith('\uFEFF') ? (
                  <span>
                    <span className="bom-mark" title="U+FEFF byte-order mark">
                      BOM
                    </span>
                    {line.slice(1)}
                  </span>
                ) : (
                  <span>{line}</span>
                )}
              </div>
            ))}
          </pre>
        </>
      )}
      {fields.length > 0 ? (
        <details className="lake-fields">
          <summary>{t('lake.fields')}</summary>
          <ul className="schema-columns">
            {fields.map((f) => (
              <li key={f.name} className="lake-field">
                <span className="col-name">
                  {f.name}
                  <PiiBadge pii={f.pii} />
                </span>
                <span className="col-desc">{f.description[lang]}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="dialog-actions">
        <button className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
