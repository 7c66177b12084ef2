import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import * as Alert from '@radix-ui/react-alert-dialog';
import { CheckCircle2, Lightbulb, XCircle, Eye, Columns2, ArrowRight, PartyPopper } from 'lucide-react';
import { formatMessage } from '../../../core/grading/messages.ts';
import { FailedVerdict, failedVerdictAnnouncement } from './FailedVerdict.tsx';
import type { ResultTable } from '../../../core/grading/compare.ts';
import type { LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { displayCell } from '../../grid/cells.ts';
import { formatNumber } from '../../../core/format/number.ts';
import { CodeBlock, CodeText } from '../../ui/CodeBlock.tsx';
import { useStore } from '../../state/store.ts';
import { stepKey } from '../course/course-data.ts';
import { isWorkbenchStep, moveStep, putInEditor, putSolutionInWorkbench, revealHint, revealSolution } from './lesson-actions.ts';
import { pipelineOf, projectOf } from '../../../core/lessons/kinds/workbench-refs.ts';
import { putCapstoneSolution } from './capstone-answer.ts';
import { governanceSolution, isGovernanceStep, putQualitySolution } from './governance-answers.ts';

/** Rows shown per side in the comparison; the grid below the editor holds all of the learner's. */
const COMPARE_ROWS = 30;

function MiniTable({ title, table }: { title: string; table: ResultTable | null }) {
  const { t, i18n } = useTranslation();
  return (
    <figure className="mini-table">
      <figcaption>
        {title}
        {table ? <span className="muted"> · {t('results.all', { count: table.rowCount })}</span> : null}
      </figcaption>
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
              {table.rows.slice(0, COMPARE_ROWS).map((r, i) => (
                <tr key={i}>
                  {r.map((cell, j) => (
                    <td key={j} className={cell === null ? 'null' : typeof cell === 'number' ? 'num' : ''}>
                      {displayCell(cell, i18n.language)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {table.rowCount > COMPARE_ROWS ? <p className="mini-more muted">{t('lesson.moreRows', { count: table.rowCount - COMPARE_ROWS })}</p> : null}
        </div>
      ) : (
        <p className="muted">—</p>
      )}
    </figure>
  );
}

/** A step's reference answer as code and/or words (also walked through line by line in presenter mode). */
export function solutionText(step: Step, lang: 'ko' | 'en'): { code?: string; text?: string } {
  switch (step.kind) {
    case 'query':
    case 'build':
    case 'metric':
    case 'masked-view':
      return { code: step.solution };
    case 'experiment': {
      const decision = i18next.t(`lesson.experiment.decision.${step.decision}`, { lng: lang });
      const reasons = step.reasons.filter((r) => r.correct).map((r) => r.label[lang]);
      return { code: step.solution, text: [decision, ...reasons].join(' · ') };
    }
    case 'number':
      return 'value' in step.solution ? { text: formatNumber(step.solution.value, lang) } : { code: step.solution.sql };
    case 'pipeline': {
      // The reference pipeline read as its tasks: what each extracts or runs, in the order it is listed.
      const pipeline = pipelineOf(step.solution);
      if (!pipeline) return {};
      const code = pipeline.tasks
        .map((task) => (task.kind === 'sql' ? `-- ${task.id}\n${task.sql.trim()}` : `-- ${task.id}: ${task.path} → ${task.target}`))
        .join('\n\n');
      return { code };
    }
    case 'capstone': {
      // The four stages' reference answers in order: the load's SQL, the KPI, the tile, the call.
      const pipeline = pipelineOf(step.load.solution);
      const load = pipeline?.tasks.flatMap((task) => (task.kind === 'sql' ? [`-- ${task.id}\n${task.sql.trim()}`] : [])).join('\n\n') ?? '';
      const tile = `-- ${step.tile.kinds[0] ?? 'chart'} · ${step.tile.grain} · ${step.tile.range.from} – ${step.tile.range.to}`;
      const call = [...step.decision.choices, ...step.decision.reasons].filter((c) => c.correct).map((c) => c.label[lang]);
      return { code: `${load}\n\n-- KPI ${step.kpi.metric.id}\n${step.kpi.solution}\n\n${tile}`, text: call.join(' · ') };
    }
    case 'models': {
      const project = projectOf(step.solution);
      if (!project) return {};
      const { files } = project;
      const code = Object.keys(files)
        .filter((path) => /\.(sql|ya?ml)$/.test(path) && path !== 'dbt_project.yml')
        .sort()
        .map((path) => `-- ${path}\n${(files[path] ?? '').trim()}`)
        .join('\n\n');
      return { code };
    }
    case 'choice':
      return {
        text: step.choices
          .filter((c) => c.correct)
          .map((c) => c.label[lang])
          .join(' · '),
      };
    default:
      return governanceSolution(step) ?? {};
  }
}

/** Scrolls an element into view when `signal` changes after the first render (not on entering a step). */
function useRevealOnChange(ref: RefObject<HTMLElement | null>, signal: unknown): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!signal) return;
    // After the frame, so a closing dialog's focus return cannot scroll it away again; instant,
    // because a smooth scroll is cancelled by any other scroll on the way.
    const frame = requestAnimationFrame(() => ref.current?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [ref, signal]);
}

/** The verdict and what differs, hints one by one, the solution on request; the newest in view and announced. */
export function FeedbackPanel({ pack, step }: { pack: LessonPack; step: Step }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const key = stepKey(pack.lesson.id, step.id);
  const outcome = useStore((s) => s.outcomes[key]);
  const progress = useStore((s) => s.progress.steps[key]);
  const compareOpen = useStore((s) => s.compareOpen);
  const setCompareOpen = useStore((s) => s.setCompareOpen);
  const [confirm, setConfirm] = useState(false);
  const hints = 'hints' in step ? (step.hints ?? []) : [];
  const used = progress?.hintsUsed ?? 0;
  const last = pack.lesson.steps.at(-1)?.id === step.id;
  // The last step passed is not the lesson done when an earlier step is still open (the recap waits for them).
  const openBefore = useStore(
    (s) => pack.lesson.steps.filter((x) => x.id !== step.id && s.progress.steps[stepKey(pack.lesson.id, x.id)]?.status !== 'done').length,
  );
  const verdict = outcome && 'verdict' in outcome ? outcome.verdict : null;
  const solution = solutionText(step, lang);
  const verdictRef = useRef<HTMLDivElement>(null);
  const compareRef = useRef<HTMLDivElement>(null);
  const hintsRef = useRef<HTMLOListElement>(null);
  const solutionRef = useRef<HTMLDivElement>(null);
  useRevealOnChange(verdictRef, outcome);
  useRevealOnChange(compareRef, compareOpen);
  useRevealOnChange(hintsRef, used);
  useRevealOnChange(solutionRef, progress?.solutionRevealed);
  // One polite announcement of the newest message, so a screen reader hears what changed.
  const [announcement, setAnnouncement] = useState('');
  const lastHint = used > 0 ? hints[used - 1]?.[lang] : undefined;
  useEffect(() => {
    if (!outcome) return;
    if ('error' in outcome) setAnnouncement(outcome.error);
    else if (outcome.verdict.pass) setAnnouncement(t('lesson.correct'));
    else setAnnouncement(failedVerdictAnnouncement(outcome.verdict.messages, lang, t));
  }, [outcome, t, lang]);
  useEffect(() => {
    if (lastHint) setAnnouncement(`${t('lesson.hint', { n: used, total: hints.length })}: ${lastHint}`);
  }, [lastHint, used, hints.length, t]);
  useEffect(() => {
    if (progress?.solutionRevealed) setAnnouncement(t('lesson.solutionShown'));
  }, [progress?.solutionRevealed, t]);

  return (
    <section className="feedback" aria-label={t('lesson.feedback')} data-testid="feedback">
      <p className="sr-only" role="status" data-testid="feedback-announcement">
        {announcement}
      </p>
      <div ref={verdictRef} className="verdict-slot">
        {outcome && 'error' in outcome ? (
          <div className="verdict fail">
            <XCircle aria-hidden /> <p>{outcome.error}</p>
          </div>
        ) : null}
        {verdict?.pass ? (
          <div className="verdict pass" data-testid="verdict-pass">
            <CheckCircle2 aria-hidden className="pass-icon" />
            <div>
              <strong>{t('lesson.correct')}</strong>
              <p data-testid="verdict-pass-next">
                {!last ? t('lesson.stepDone') : openBefore > 0 ? t('lesson.lastStepOpen', { count: openBefore }) : t('lesson.lastStepDone')}
              </p>
              {verdict.messages.length > 0 ? <p>{verdict.messages.map((m) => formatMessage(m, lang)).join(' ')}</p> : null}
            </div>
            {!last ? (
              <button className="btn primary" onClick={() => moveStep(1)} data-testid="next-step">
                {t('lesson.next')} <ArrowRight aria-hidden />
              </button>
            ) : (
              <PartyPopper aria-hidden className="pass-icon" />
            )}
          </div>
        ) : verdict ? (
          <FailedVerdict messages={verdict.messages} lang={lang} />
        ) : null}
      </div>
      <div className="feedback-actions">
        {verdict && !verdict.pass && (verdict.expected || verdict.actual) ? (
          <button
            className="btn small"
            aria-pressed={compareOpen}
            onClick={() => setCompareOpen(!compareOpen)}
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
        <div className="compare" data-testid="compare-view" ref={compareRef}>
          <MiniTable title={t('lesson.expected')} table={verdict.expected} />
          <MiniTable title={t('lesson.yours')} table={verdict.actual} />
        </div>
      ) : null}
      {used > 0 ? (
        <ol className="hints" data-testid="hints" ref={hintsRef}>
          {hints.slice(0, used).map((h, i) => (
            <li key={i}>
              <Lightbulb size={13} aria-hidden /> <CodeText text={h[lang]} />
            </li>
          ))}
        </ol>
      ) : null}
      {progress?.solutionRevealed ? (
        <div className="solution" data-testid="solution" ref={solutionRef}>
          <div className="solution-head">
            <strong>{t('lesson.solution')}</strong>
            {step.kind === 'capstone' ? (
              <button className="btn small" onClick={() => putCapstoneSolution(step, key)} data-testid="use-solution">
                {t('lesson.useSolutionWorkbench')}
              </button>
            ) : isWorkbenchStep(step) ? (
              <button className="btn small" onClick={putSolutionInWorkbench} data-testid="use-solution">
                {t('lesson.useSolutionWorkbench')}
              </button>
            ) : solution.code && isGovernanceStep(step) ? (
              <button className="btn small" onClick={() => putQualitySolution(step, key)} data-testid="use-solution">
                {t('lesson.useSolution')}
              </button>
            ) : solution.code && step.kind !== 'choice' ? (
              <button className="btn small" onClick={() => putInEditor(solution.code!)}>
                {t('lesson.useSolution')}
              </button>
            ) : null}
          </div>
          {solution.code ? <CodeBlock code={solution.code} copyable testId="solution-code" /> : null}
          {solution.text ? <p>{solution.text}</p> : null}
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
