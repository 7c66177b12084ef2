import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ShieldQuestion } from 'lucide-react';
import type { PiiStep } from '../../../core/lessons/kinds/governance-schemas.ts';
import type { PiiAnswer } from '../../../core/lessons/kinds/governance-schemas.ts';
import { useStore } from '../../state/store.ts';
import { useGovernanceStore } from '../governance/governance-store.ts';
import { ReferenceCell, TagControl } from '../governance/TagControl.tsx';
import { useCatalogue } from '../governance/use-catalogue.ts';

/*
 * A pii step's lesson column: the step's columns as in the catalogue (table, column, what it
 * holds), each with the catalogue's tag control. The tags are the learner's one set of tags (the
 * governance document), so what they tag here shows in the Catalogue tab and back. Once checked,
 * each column shows the reference class beside its tag; the grader's feedback below gives the reason for each difference.
 */

/** The answer a pii step sends to the grader: the learner's tags of the step's columns. */
export function piiAnswer(step: PiiStep): PiiAnswer {
  const tags = useGovernanceStore.getState().doc.tags;
  const out: PiiAnswer['tags'] = {};
  for (const key of step.columns) {
    const tag = tags[key];
    if (tag) out[key] = tag;
  }
  return { tags: out };
}

/** The tag form of a pii step. */
export function PiiTagging({ step, answerKey }: { step: PiiStep; answerKey: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('ko') ? 'ko' : 'en';
  const catalogue = useCatalogue();
  const tags = useGovernanceStore((s) => s.doc.tags);
  const tagColumn = useGovernanceStore((s) => s.tagColumn);
  const checked = useStore((s) => !!s.outcomes[answerKey] && 'verdict' in s.outcomes[answerKey]!);
  const byKey = useMemo(() => new Map(catalogue.entries.map((e) => [e.key, e])), [catalogue.entries]);
  const entries = useMemo(() => step.columns.map((key) => ({ key, entry: byKey.get(key) })), [step.columns, byKey]);
  const comparisons = useMemo(() => {
    const found = entries.flatMap((x) => (x.entry ? [x.entry] : []));
    return new Map(catalogue.compare(tags).filter((c) => found.some((e) => e.key === c.key)).map((c) => [c.key, c]));
  }, [catalogue, tags, entries]);
  const tagged = step.columns.filter((k) => tags[k]).length;
  return (
    <section className="pii-step" aria-labelledby={`pii-${step.id}`} data-testid="pii-step">
      <p className="metric-card-kicker" id={`pii-${step.id}`}>
        <ShieldQuestion size={14} aria-hidden /> {t('governance.lesson.piiLabel')}
      </p>
      <p className="muted pii-step-hint">{t('governance.lesson.piiHint')}</p>
      <p className="pii-step-count" aria-live="polite" data-testid="pii-step-count">
        {t('governance.lesson.piiTagged', { tagged, total: step.columns.length })}
      </p>
      <ul className="pii-step-list">
        {entries.map(({ key, entry }) => {
          const cmp = checked ? comparisons.get(key) : undefined;
          const differs = !!cmp && cmp.yours !== null && !cmp.agrees;
          const name = entry ? `${entry.table}.${entry.column}` : key;
          return (
            <li key={key} className={differs ? 'pii-step-item differs' : 'pii-step-item'} data-testid={`pii-item-${key}`}>
              <div className="pii-step-col">
                <code>{name}</code>
                <span className="muted">{entry ? `${entry.source} · ${entry.description[lang]}` : t('governance.lesson.piiMissing', { key })}</span>
              </div>
              <div className="pii-step-controls">
                <TagControl tagKey={key} tag={tags[key] ?? null} label={t('governance.catalogue.tagFor', { column: name })} onTag={tagColumn} />
                {cmp ? <ReferenceCell comparison={cmp} /> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
