import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Alert from '@radix-ui/react-alert-dialog';
import { CheckCircle2, Lightbulb, XCircle, Eye, Columns2, ArrowRight } from 'lucide-react';
import { formatMessage } from '../../../core/grading/messages.ts';
import type { ResultTable } from '../../../core/grading/compare.ts';
import type { LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { formatCell } from '../../grid/cells.ts';
import { useStore } from '../../state/store.ts';
import { stepKey } from '../course/course-data.ts';
import { moveStep, revealHint, revealSolution, putInEditor } from './lesson-actions.ts';

function MiniTable({ title, table }: { title: string; table: ResultTable | null }) {
  return (
    <figure className="mini-table">
      <figcaption>{title}</figcaption>
      {table ? (
        <div className="mini-scroll">
          <table>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.slice(0, 50).map((r, i) => (
                <tr key={i}>
                  {r.map((cell, j) => (
                    <td key={j} className={cell === null ? 'null' : typeof cell === 'number' ? 'num' : ''}>
                      {formatCell(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">—</p>
      )}
    </figure>
  );
}

function solutionText(step: Step, lang: 'ko' | 'en'): { code?: string; text?: string } {
  switch (step.kind) {
    case 'query':
    case 'build':
      return { code: step.solution };
    case 'number':
      return 'value' in step.solution ? { text: String(step.solution.value) } : { code: step.solution.sql };
    case 'choice':
      return {
        text: step.choices
          .filter((c) => c.correct)
          .map((c) => c.label[lang])
          .join(' · '),
      };
    default:
      return {};
  }
}

/** Under the work area: the verdict and what differs, hints one by one, the solution on request. */
export function FeedbackPanel({ pack, step }: { pack: LessonPack; step: Step }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const key = stepKey(pack.lesson.id, step.id);
  const outcome = useStore((s) => s.outcomes[key]);
  const progress = useStore((s) => s.progress.steps[key]);
  const compareOpen = useStore((s) => s.compareOpen);
  const setLesson = useStore((s) => s.setLesson);
  const [confirm, setConfirm] = useState(false);
  const hints = 'hints' in step ? (step.hints ?? []) : [];
  const used = progress?.hintsUsed ?? 0;
  const last = pack.lesson.steps.at(-1)?.id === step.id;
  const verdict = outcome && 'verdict' in outcome ? outcome.verdict : null;
  const solution = solutionText(step, lang);

  return (
    <section className="feedback" aria-label={t('lesson.feedback')} data-testid="feedback">
      <div aria-live="polite">
        {outcome && 'error' in outcome ? (
          <div className="verdict fail" role="alert">
            <XCircle aria-hidden /> <p>{outcome.error}</p>
          </div>
        ) : null}
        {verdict?.pass ? (
          <div className="verdict pass" data-testid="verdict-pass">
            <CheckCircle2 aria-hidden />
            <div>
              <strong>{t('lesson.correct')}</strong>
              {verdict.messages.length > 0 ? <p>{verdict.messages.map((m) => formatMessage(m, lang)).join(' ')}</p> : null}
            </div>
            {!last ? (
              <button className="btn primary small" onClick={() => moveStep(1)} data-testid="next-step">
                {t('lesson.next')} <ArrowRight aria-hidden />
              </button>
            ) : null}
          </div>
        ) : verdict ? (
          <div className="verdict fail" data-testid="verdict-fail">
            <XCircle aria-hidden />
            <div>
              <strong>{t('lesson.notYet')}</strong>
              <ul data-testid="verdict-messages">
                {verdict.messages.map((m, i) => (
                  <li key={i}>{formatMessage(m, lang)}</li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
      </div>
      <div className="feedback-actions">
        {verdict && !verdict.pass && (verdict.expected || verdict.actual) ? (
          <button
            className="btn small"
            aria-pressed={compareOpen}
            onClick={() => setLesson({ compareOpen: !compareOpen })}
            data-testid="compare"
          >
            <Columns2 aria-hidden /> {compareOpen ? t('lesson.hideCompare') : t('lesson.compare')}
          </button>
        ) : null}
        {hints.length > 0 ? (
          <button className="btn small" onClick={revealHint} disabled={used >= hints.length} data-testid="hint">
            <Lightbulb aria-hidden /> {t('lesson.hint', { n: Math.min(used + 1, hints.length), total: hints.length })}
          </button>
        ) : null}
        {(solution.code || solution.text) && !progress?.solutionRevealed ? (
          <button className="btn small ghost" onClick={() => setConfirm(true)} data-testid="show-solution">
            <Eye aria-hidden /> {t('lesson.showSolution')}
          </button>
        ) : null}
      </div>
      {compareOpen && verdict ? (
        <div className="compare" data-testid="compare-view">
          <MiniTable title={t('lesson.expected')} table={verdict.expected} />
          <MiniTable title={t('lesson.yours')} table={verdict.actual} />
        </div>
      ) : null}
      {used > 0 ? (
        <ol className="hints" data-testid="hints">
          {hints.slice(0, used).map((h, i) => (
            <li key={i}>
              <Lightbulb size={13} aria-hidden /> {h[lang]}
            </li>
          ))}
        </ol>
      ) : null}
      {progress?.solutionRevealed ? (
        <div className="solution" data-testid="solution">
          <strong>{t('lesson.solution')}</strong>
          {solution.code ? <pre>{solution.code}</pre> : null}
          {solution.text ? <p>{solution.text}</p> : null}
          {solution.code && step.kind !== 'choice' ? (
            <button className="btn small" onClick={() => putInEditor(solution.code!)}>
              {t('lesson.useSolution')}
            </button>
          ) : null}
        </div>
      ) : null}
      <Alert.Root open={confirm} onOpenChange={setConfirm}>
        <Alert.Portal>
          <Alert.Overlay className="overlay" />
          <Alert.Content className="dialog" data-testid="solution-dialog">
            <Alert.Title>{t('lesson.solutionConfirmTitle')}</Alert.Title>
            <Alert.Description>{t('lesson.solutionConfirmBody')}</Alert.Description>
            <div className="dialog-actions">
              <Alert.Cancel className="btn">{t('lesson.keepTrying')}</Alert.Cancel>
              <Alert.Action className="btn primary" onClick={revealSolution} data-testid="solution-confirm">
                {t('lesson.showSolution')}
              </Alert.Action>
            </div>
          </Alert.Content>
        </Alert.Portal>
      </Alert.Root>
    </section>
  );
}
