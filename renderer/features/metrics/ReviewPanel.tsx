import { useTranslation } from 'react-i18next';
import type { Review3A } from '../../../core/metrics/schema.ts';

const ASPECTS = ['accessible', 'actionable', 'auditable'] as const;
type Aspect = (typeof ASPECTS)[number];

/**
 * The learner's 3A review of a metric: for Accessible, Actionable and Auditable a yes or no and a
 * note. Every change is handed to `onChange` (the store saves it with their work); a note is
 * handed on as it is typed, so a reload right after keeps it.
 */
export function ReviewPanel({ review, onChange }: { review: Review3A; onChange: (review: Review3A) => void }) {
  const { t } = useTranslation();
  const answered = ASPECTS.filter((a) => review[a].ok !== null).length;

  const set = (aspect: Aspect, change: Partial<Review3A[Aspect]>) => onChange({ ...review, [aspect]: { ...review[aspect], ...change } });

  return (
    <section className="mx-card mx-review" aria-labelledby="mx-review-title" data-testid="review-panel">
      <header className="mx-card-head">
        <h3 id="mx-review-title">{t('metrics.review.title')}</h3>
        <span className="mx-muted" data-testid="review-count">
          {t('metrics.review.done', { count: answered })}
        </span>
      </header>
      <p className="mx-muted mx-small">{t('metrics.review.intro')}</p>
      <div className="mx-review-grid">
        {ASPECTS.map((aspect) => {
          const id = `mx-review-${aspect}`;
          const ok = review[aspect].ok;
          return (
            <fieldset key={aspect} className="mx-review-item" data-testid={`review-${aspect}`}>
              <legend>
                <strong>{t(`metrics.review.${aspect}.title`)}</strong>
                <span className="mx-review-q">{t(`metrics.review.${aspect}.question`)}</span>
              </legend>
              <div className="mx-seg" role="radiogroup" aria-label={t(`metrics.review.${aspect}.title`)}>
                {([true, false] as const).map((value) => (
                  <label key={String(value)} className="mx-seg-item" data-checked={ok === value}>
                    <input
                      type="radio"
                      name={id}
                      checked={ok === value}
                      onChange={() => set(aspect, { ok: value })}
                      data-testid={`review-${aspect}-${value ? 'yes' : 'no'}`}
                    />
                    {value ? t('metrics.review.yes') : t('metrics.review.no')}
                  </label>
                ))}
              </div>
              <label className="mx-review-note">
                <span className="mx-label">{t('metrics.review.note')}</span>
                <textarea
                  className="input mx-textarea"
                  rows={2}
                  value={review[aspect].note}
                  placeholder={t('metrics.review.notePlaceholder')}
                  onChange={(e) => set(aspect, { note: e.target.value })}
                  data-testid={`review-${aspect}-note`}
                />
              </label>
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}
