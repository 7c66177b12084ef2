import { useTranslation } from 'react-i18next';
import { ShieldCheck } from 'lucide-react';
import type { MaskedViewStep } from '../../../core/lessons/kinds/governance-schemas.ts';
import { useStore } from '../../state/store.ts';

/*
 * A masked-view step's card in the lesson column: the view to create, on which database, what its
 * rows must reconcile with and the k it must reach over which quasi-identifiers, so the bar is in
 * view while the learner writes the SQL in the editor beside it. Run runs it in the step's
 * database (pseudonym() is registered there under the workspace key); Check sends {sql} to the
 * grader, whose verdict the feedback shows.
 */

/** The masked view the step asks for and how it is checked. */
export function MaskedViewCard({ step, database }: { step: MaskedViewStep; database: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('ko') ? 'ko' : 'en';
  const title = useStore((s) => s.catalog?.databases.find((d) => d.id === database)?.title[lang]);
  const quasi = step.quasi.join(', ');
  return (
    <section className="metric-card" aria-labelledby={`mask-${step.id}`} data-testid="masked-view-card">
      <p className="metric-card-kicker">
        <ShieldCheck size={14} aria-hidden /> {t('governance.lesson.maskLabel')}
      </p>
      <h3 id={`mask-${step.id}`} className="metric-card-name">
        {t('governance.lesson.maskView', { view: step.view, database: title ? `${title} (${database})` : database })}
      </h3>
      <ul className="mask-card-meta">
        <li>{t('governance.lesson.maskBase', { base: step.base })}</li>
        <li>{t('governance.lesson.maskK', { k: step.minK, quasi })}</li>
      </ul>
      <p className="muted metric-card-graded">{t('governance.lesson.maskGraded')}</p>
    </section>
  );
}
