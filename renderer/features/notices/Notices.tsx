import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';
import { useStore, type Store } from '../../state/store.ts';

const AUTO_DISMISS_MS = 5000;

function NoticeItem({ notice }: { notice: Store['notices'][number] }) {
  const { t } = useTranslation();
  const dismiss = useStore((s) => s.dismiss);
  useEffect(() => {
    // Warnings and errors stay until the learner dismisses them: they may need reading twice.
    if (notice.tone === 'warning' || notice.tone === 'error') return;
    const id = setTimeout(() => dismiss(notice.id), AUTO_DISMISS_MS);
    return () => clearTimeout(id);
  }, [notice, dismiss]);
  return (
    <div
      className={`notice ${notice.tone}`}
      role={notice.tone === 'error' || notice.tone === 'warning' ? 'alert' : 'status'}
      data-testid={`notice-${notice.tone}`}
    >
      <p>{notice.text}</p>
      <button className="btn ghost small icon" aria-label={t('notices.dismiss')} onClick={() => dismiss(notice.id)}>
        <X aria-hidden />
      </button>
    </div>
  );
}

/** Messages about what just happened (saved, exported, a recovered file). */
export function Notices() {
  const notices = useStore((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}
