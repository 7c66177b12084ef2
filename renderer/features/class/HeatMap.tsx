import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { cellState, type CellState } from '../../../core/class-report/analyse.ts';
import type { ClassStep, MergedClass } from '../../../core/class-report/merge.ts';
import type { ReportStep } from '../../../core/class-report/schema.ts';
import type { ClassView } from './class-store.ts';

/** The colour strength of a cell: 1 for one attempt up to 4 for many (passed and not passed alike). */
export function intensity(attempts: number): 1 | 2 | 3 | 4 {
  if (attempts <= 1) return 1;
  if (attempts <= 3) return 2;
  return attempts <= 6 ? 3 : 4;
}

const GLYPH: Record<CellState, string> = { passed: '✓', tried: '✗', untouched: '·' };

function lessonGroups(steps: readonly ClassStep[]): ClassStep[][] {
  const groups: ClassStep[][] = [];
  for (const step of steps) {
    const last = groups.at(-1);
    if (last && last[0]!.lessonId === step.lessonId) last.push(step);
    else groups.push([step]);
  }
  return groups;
}

/**
 * Steps (rows, grouped by lesson in course order) by learners (columns). The heat map shows each
 * cell as a colour whose strength is the attempts, with a symbol so colour is never the only
 * signal; the table view says the same in words. Both scroll with the headers kept in view.
 */
export const HeatMap = memo(function HeatMap({ merged, view }: { merged: MergedClass; view: ClassView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const stateText = (step: ReportStep | undefined, state: CellState) =>
    state === 'untouched'
      ? t('class.heat.cellUntouched')
      : t(state === 'passed' ? 'class.heat.cellPassed' : 'class.heat.cellTried', { count: step?.attempts ?? 0 });
  const cols = merged.learners.length + 1;
  return (
    <div className={`class-heat-scroll ${view}`} data-testid={view === 'heatmap' ? 'class-heatmap' : 'class-table'} tabIndex={0} role="region" aria-label={t('class.heat.caption')}>
      <table className="class-heat">
        <caption className="sr-only">{t('class.heat.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="class-heat-corner">
              {t('class.heat.step')}
            </th>
            {merged.learners.map((l) => (
              <th key={l.name} scope="col" className="class-heat-learner" title={l.name}>
                <span>{l.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        {lessonGroups(merged.steps).map((group) => (
          <tbody key={group[0]!.lessonId}>
            <tr className="class-heat-lesson">
              <th scope="rowgroup" colSpan={cols}>
                <span>{group[0]!.lessonTitle[lang]}</span>
              </th>
            </tr>
            {group.map((step) => {
              const label = `${step.number}. ${step.stepTitle[lang]}`;
              return (
                <tr key={step.key} data-step={step.key}>
                  <th scope="row" className="class-heat-step" title={`${step.lessonTitle[lang]} · ${label}`}>
                    {label}
                  </th>
                  {merged.learners.map((l) => {
                    const s = l.steps[step.key];
                    const state = cellState(s);
                    const words = stateText(s, state);
                    if (view === 'table') {
                      return (
                        <td key={l.name} className={`class-cell-text ${state}`} data-state={state}>
                          {words}
                        </td>
                      );
                    }
                    const level = state === 'untouched' ? 0 : intensity(s?.attempts ?? 0);
                    return (
                      <td
                        key={l.name}
                        className={`class-cell ${state} l${level}`}
                        data-state={state}
                        title={t('class.heat.cellLabel', { learner: l.name, step: label, state: words })}
                        aria-label={t('class.heat.cellLabel', { learner: l.name, step: label, state: words })}
                      >
                        <span aria-hidden>{GLYPH[state]}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
});

/** The heat map's key: the three states with their symbols, and what the strength means. */
export function HeatLegend() {
  const { t } = useTranslation();
  return (
    <ul className="class-legend" aria-label={t('class.heat.title')}>
      {(['passed', 'tried', 'untouched'] as const).map((state) => (
        <li key={state}>
          <span className={`class-cell swatch ${state} ${state === 'untouched' ? 'l0' : 'l2'}`} aria-hidden>
            {GLYPH[state]}
          </span>
          {t(`class.heat.${state}`)}
        </li>
      ))}
      <li>
        <span className="class-cell swatch passed l1" aria-hidden />
        <span className="class-cell swatch passed l4" aria-hidden />
        {t('class.heat.intensity')}
      </li>
    </ul>
  );
}
