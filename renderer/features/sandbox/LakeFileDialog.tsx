import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lakeFileFields, type CatalogLakeFile, type CatalogLakeFolder } from '../../../core/datasets/catalog.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { PiiBadge } from './SchemaBrowser.tsx';
import { formatBytes } from './format-bytes.ts';

const MAX_LINES = 200;
const MAX_BYTES = 256 * 1024;

/** Reads only the start of a file: lake files can be large, the learner needs a look. */
async function readHead(url: string, gzip: boolean): Promise<{ lines: string[]; complete: boolean }> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  // Compressed lake files are unpacked as they stream in; the limits count the unpacked text.
  const body = gzip ? res.body.pipeThrough(new DecompressionStream('gzip')) : res.body;
  const reader = body.getReader();
  // ignoreBOM keeps a byte-order mark in the text, so the raw view can show it.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  let bytes = 0;
  let done = false;
  while (!done && bytes < MAX_BYTES && text.split('\n').length <= MAX_LINES) {
    const chunk = await reader.read();
    done = chunk.done;
    if (chunk.value) {
      bytes += chunk.value.length;
      text += decoder.decode(chunk.value, { stream: true });
    }
  }
  if (!done) await reader.cancel();
  const lines = text.split('\n');
  if (done && lines.at(-1) === '') lines.pop();
  return { lines: lines.slice(0, MAX_LINES), complete: done && lines.length <= MAX_LINES };
}

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
  const [state, setState] = useState<{ lines: string[]; complete: boolean } | { error: string } | null>(null);
  const [wrap, setWrap] = useState(false);
  useEffect(() => {
    setState(null);
    if (!target) return;
    let live = true;
    readHead(`datasets/${target.folder.path}/${target.file.name}`, target.file.compression === 'gzip').then(
      (r) => live && setState(r),
      (e: unknown) => live && setState({ error: (e as Error).message }),
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
      ) : 'error' in state ? (
        <p role="alert">{t('lake.failed', { message: state.error })}</p>
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
