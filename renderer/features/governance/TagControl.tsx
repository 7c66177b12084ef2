import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckCircle2, XCircle } from 'lucide-react';
import type { PiiClass, TagComparison } from '../../../core/governance/types.ts';
import { PII_CLASSES } from './catalogue-view.ts';
import './tag-control.css';

/**
 * One column's PII tag as a segmented control: native radios, so the group is one tab stop and the
 * arrow keys move the tag; Delete or Backspace clears it. Used by the catalogue and the lesson's pii step.
 */
export function TagControl({ tagKey, tag, label, onTag }: { tagKey: string; tag: PiiClass | null; label: string; onTag: (key: string, tag: PiiClass | null) => void }) {
  const { t } = useTranslation();
  const clear = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.key === 'Delete' || e.key === 'Backspace') && tag !== null) {
      e.preventDefault();
      onTag(tagKey, null);
    }
  };
  return (
    <div className="gov-seg" role="radiogroup" aria-label={label} title={t('governance.catalogue.clearTagHint')} onKeyDown={clear} data-testid={`tag-${tagKey}`}>
      {PII_CLASSES.map((c) => (
        <label key={c} className={`gov-seg-item gov-class-${c}`} data-checked={tag === c} title={t(`governance.catalogue.classes.${c}`)}>
          <input type="radio" name={`tag:${tagKey}`} value={c} checked={tag === c} onChange={() => onTag(tagKey, c)} data-testid={`tag-${tagKey}-${c}`} />
          {t(`governance.catalogue.short.${c}`)}
        </label>
      ))}
    </div>
  );
}

/** The reference's verdict on one tag, with the reason when they differ. */
export function ReferenceCell({ comparison }: { comparison: TagComparison }) {
  const { t } = useTranslation();
  const name = t(`governance.catalogue.classes.${comparison.reference}`);
  if (comparison.yours === null)
    return (
      <span className="gov-ref gov-ref-untagged">
        <span className={`gov-class-dot gov-class-${comparison.reference}`} aria-hidden /> {name}
      </span>
    );
  return (
    <span className={`gov-ref ${comparison.agrees ? 'gov-ref-agree' : 'gov-ref-differ'}`}>
      {comparison.agrees ? <CheckCircle2 size={14} aria-hidden /> : <XCircle size={14} aria-hidden />}
      <span className="sr-only">{comparison.agrees ? t('governance.catalogue.agrees') : t('governance.catalogue.differsShort')}: </span>
      {name}
    </span>
  );
}

