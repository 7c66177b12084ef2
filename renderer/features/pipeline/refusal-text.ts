import type { TFunction } from 'i18next';
import type { EditRefusal } from './pipeline-edit.ts';

/** A refused edit in the learner's words. */
export function refusalText(t: TFunction, r: EditRefusal): string {
  switch (r.reason) {
    case 'cycle':
      return t('pipeline.refused.cycle', { path: [...r.cycle, r.cycle[0]].join(' → '), tasks: r.cycle.join(', ') });
    case 'self':
      return t('pipeline.refused.self', { task: r.task });
    case 'duplicate':
      return t('pipeline.refused.duplicate', { from: r.from, to: r.to });
    case 'badId':
      return t('pipeline.refused.badId', { id: r.id });
    case 'taken':
      return t('pipeline.refused.taken', { id: r.id });
  }
}
