import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TriangleAlert } from 'lucide-react';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import type { ExtractPreview } from './engine.ts';

/**
 * A quarantine reason in the UI language. The engine writes its reasons in English into the
 * quarantine table (they are data, the same in the app and in Airflow); the preview says the
 * known ones in the learner's language and shows any other as written.
 */
export function reasonText(t: TFunction, reason: string): string {
  const fields = /^expected (\d+) fields, found (\d+)$/.exec(reason);
  if (fields) return t('pipeline.reason.fields', { expected: Number(fields[1]), found: Number(fields[2]) });
  const json = /^invalid JSON: (.*)$/.exec(reason);
  if (json) return t('pipeline.reason.json', { detail: json[1] });
  const known: Record<string, string> = {
    'empty line': 'pipeline.reason.empty',
    'a quoted field is not closed': 'pipeline.reason.unclosed',
    'not a JSON object': 'pipeline.reason.notObject',
    'the line does not match the pattern': 'pipeline.reason.noMatch',
  };
  return known[reason] ? t(known[reason]) : reason;
}

/** An extract's preview: the files matched, the columns that would be created, the first rows and the quarantined lines with their reason. */
export function ExtractPreviewView({ preview }: { preview: { task: string; result: ExtractPreview } | { task: string; error: string } }) {
  const { t } = useTranslation();
  if ('error' in preview) {
    return (
      <div className="pl-error" role="alert" data-testid="pl-preview-error">
        {t('pipeline.extract.previewFailed', { message: preview.error })}
      </div>
    );
  }
  const p = preview.result;
  return (
    <section className="pl-preview" aria-label={t('pipeline.extract.previewTitle')} data-testid="pl-preview-result">
      <p className="small">
        {t('pipeline.extract.previewSummary', { files: p.files.length, lines: p.linesScanned, quarantined: p.quarantineCount })}
        {p.complete ? '' : ` ${t('pipeline.extract.previewPartial')}`}
      </p>
      <div className="pl-columns" aria-label={t('pipeline.extract.columns')} data-testid="pl-preview-columns">
        <span className="label">{t('pipeline.extract.columns')}</span>
        {p.columns.map((c) => (
          <code key={c} className={`pl-col${c.startsWith('_') ? ' meta' : ''}`}>
            {c}
          </code>
        ))}
      </div>
      <div className="pl-preview-grid">
        <ResultGrid columns={p.columns.map((name) => ({ name, declType: 'TEXT' }))} rows={p.rows} onCopied={() => undefined} />
      </div>
      {p.quarantineCount > 0 ? (
        <div className="pl-quarantine" data-testid="pl-preview-quarantine">
          <p className="pl-quarantine-title">
            <TriangleAlert size={14} aria-hidden /> {t('pipeline.extract.quarantined', { count: p.quarantineCount })}
          </p>
          <table className="pl-table">
            <thead>
              <tr>
                <th scope="col">{t('pipeline.extract.qFile')}</th>
                <th scope="col">{t('pipeline.extract.qLine')}</th>
                <th scope="col">{t('pipeline.extract.qReason')}</th>
                <th scope="col">{t('pipeline.extract.qRaw')}</th>
              </tr>
            </thead>
            <tbody>
              {p.quarantineSamples.map((q) => (
                <tr key={`${q.file}:${q.line}`}>
                  <td className="nowrap">{q.file.split('/').at(-1)}</td>
                  <td className="num">{q.line}</td>
                  <td title={q.reason}>{reasonText(t, q.reason)}</td>
                  <td className="mono raw">{q.raw}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted small">{t('pipeline.extract.noQuarantine')}</p>
      )}
    </section>
  );
}
