import { useTranslation } from 'react-i18next';
import { FileUp } from 'lucide-react';
import { formatBytes } from '../sandbox/format-bytes.ts';
import { useOpenDbStore } from './open-db-store.ts';

/** The file being opened (name, size, a progress bar) and, while a file is dragged over the window, where to drop it. */
export function OpenDbStatus() {
  const { t, i18n } = useTranslation();
  const progress = useOpenDbStore((s) => s.progress);
  const dragging = useOpenDbStore((s) => s.dragging);
  // The picker already names the file: beside the bar, its size (the bar and its label say how far).
  const text = progress ? formatBytes(progress.total, i18n.language) : '';
  return (
    <>
      {progress ? (
        <span
          className="open-db-progress small"
          role="status"
          data-testid="open-db-progress"
          title={t('openDb.reading', { name: progress.name, total: formatBytes(progress.total, i18n.language) })}
        >
          <span>{text}</span>
          <progress max={progress.total || 1} value={progress.done} aria-label={t('openDb.reading', { name: progress.name, total: formatBytes(progress.total, i18n.language) })} />
        </span>
      ) : null}
      {dragging ? (
        <div className="open-db-drop" data-testid="open-db-drop" aria-hidden>
          <div className="open-db-drop-card">
            <FileUp size={28} aria-hidden />
            <span>{t('openDb.dropHint')}</span>
          </div>
        </div>
      ) : null}
    </>
  );
}
