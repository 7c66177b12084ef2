import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { ArrowLeft, ArrowRight, CheckCheck, Play, RotateCcw, Target, Check, Loader2, Database, PartyPopper, ListTree, Presentation } from 'lucide-react';
import type { LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { useStore } from '../../state/store.ts';
import type { RunRecord } from '../../state/workbench-slice.ts';
import { runCommand, shownKeys } from '../../commands/commands.ts';
import { Brand } from '../shell/Brand.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { EditorPane } from '../sandbox/EditorPane.tsx';
import { ResultsPane } from '../sandbox/ResultsPane.tsx';
import { StatusBar } from '../sandbox/StatusBar.tsx';
import { SchemaBrowser } from '../sandbox/SchemaBrowser.tsx';
import { findLesson, lessonPlace, nextLesson, stepKey } from '../course/course-data.ts';
import { checkStep, closeLesson, ensureStepDatabase, isWorkbenchStep, moveStep, openLesson, resetStepData, setupObjects, usesEditor } from './lesson-actions.ts';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { Markdown } from './Markdown.tsx';
import { ReadChart } from './ReadChart.tsx';
import { ChoiceAnswer, NumberAnswer } from './StepAnswer.tsx';
import { ExperimentDecision } from './ExperimentStep.tsx';
import { MetricCard, MetricPreview } from './MetricStep.tsx';
import { WorkbenchStepArea } from './WorkbenchStep.tsx';
import { QualityImpactStepArea } from './QualityImpactStep.tsx';
import { isGovernanceStep } from './governance-answers.ts';
import { PiiTagging } from './PiiStep.tsx';
import { MaskedViewCard } from './MaskedViewStep.tsx';
import { CapstoneStepArea } from './CapstoneStep.tsx';
import { exitPresenter, usePresenter } from '../presenter/presenter-store.ts';
import { useAuthorRevision } from '../author/author-store.ts';

// Presenter mode (large type, editor and results side by side, the solution line by line) loads when first used.
const PresenterStage = lazy(() => import('../presenter/PresenterStage.tsx').then((m) => ({ default: m.PresenterStage })));

function Stepper({ pack, current }: { pack: LessonPack; current: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const steps = useStore((s) => s.progress.steps);
  return (
    <ol className="stepper" aria-label={t('lesson.steps')}>
      {pack.lesson.steps.map((s, i) => {
        const status = steps[stepKey(pack.lesson.id, s.id)]?.status ?? 'not-started';
        return (
          <li key={s.id}>
            <button
              className={`step-dot ${status}`}
              aria-current={s.id === current ? 'step' : undefined}
              title={s.title[lang]}
              aria-label={`${i + 1}. ${s.title[lang]} (${t(`course.status.${status}`)})`}
              onClick={() => void openLesson(pack.lesson.id, s.id)}
              data-testid={`step-${s.id}`}
            >
              {status === 'done' ? <Check size={12} aria-hidden /> : i + 1}
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** The end of a lesson: its recap, and the way on to the next lesson. */
function Recap({ pack }: { pack: LessonPack }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const next = nextLesson(pack.lesson.id);
  return (
    <section className="recap" data-testid="recap" aria-labelledby="recap-title">
      <h3 id="recap-title">
        <PartyPopper size={16} aria-hidden /> {t('lesson.lessonDone')}
      </h3>
      <Markdown text={pack.prose[lang].recap} />
      <div className="recap-actions">
        {next ? (
          <button className="btn primary" onClick={() => void openLesson(next.lesson.id)} data-testid="next-lesson">
            {t('lesson.nextLesson', { title: next.lesson.title[lang] })} <ArrowRight aria-hidden />
          </button>
        ) : (
          <p className="muted" data-testid="course-finished">
            {t('lesson.courseFinished')}
          </p>
        )}
        <button className={`btn ${next ? '' : 'primary'}`} onClick={closeLesson} data-testid="recap-course">
          {t('lesson.backToCourse')}
        </button>
      </div>
    </section>
  );
}

/** The check button of a step answered in the lesson column (choice or number without SQL). */
function ColumnCheck() {
  const { t } = useTranslation();
  const checking = useStore((s) => s.checking);
  return (
    <div className="step-actions">
      <Tooltip text={t('commands.check')} keys={shownKeys('check')}>
        <button className="btn primary" onClick={() => void checkStep()} aria-disabled={checking} data-testid="check">
          {checking ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />} {t('lesson.check')}
        </button>
      </Tooltip>
    </div>
  );
}

/**
 * The lesson column: the step's prose, chart and task, the answer form, then the feedback. One
 * scroll for all of it, so feedback is never squeezed into a box of its own.
 */
function LessonColumn({ pack, step }: { pack: LessonPack; step: Step }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const prose = pack.prose[lang];
  const index = pack.lesson.steps.findIndex((s) => s.id === step.id);
  const section = prose.steps.find((s) => s.id === step.id)?.markdown ?? '';
  const key = stepKey(pack.lesson.id, step.id);
  const lessonDone = useStore((s) => pack.lesson.steps.every((x) => s.progress.steps[stepKey(pack.lesson.id, x.id)]?.status === 'done'));
  const last = index === pack.lesson.steps.length - 1;
  const editor = usesEditor(step);
  const objectives = pack.lesson.objectives.filter((o) => step.objectives.includes(o.id));
  const chart = (step.kind === 'read' || step.kind === 'choice') && step.chart ? step.chart : null;
  return (
    <article className="prose-panel" data-testid="prose-panel">
      {index === 0 ? (
        <>
          <blockquote className="colleague-question">{pack.lesson.question[lang]}</blockquote>
          <Markdown text={prose.intro} />
        </>
      ) : null}
      <h2 className="step-title">
        <span className="muted">{t('lesson.stepOf', { n: index + 1, total: pack.lesson.steps.length })}</span>
        {step.title[lang]}
      </h2>
      <Markdown text={section} />
      {objectives.length > 0 ? (
        <div className="objectives">
          <h3>{t('lesson.objectives')}</h3>
          <ul>
            {objectives.map((o) => (
              <li key={o.id}>{o.text[lang]}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {chart ? <ReadChart sql={chart.sql} spec={chart.spec} titles={chart.titles} database={chart.database ?? pack.lesson.dataset} /> : null}
      {step.kind === 'metric' ? <MetricCard step={step} /> : null}
      {'prompt' in step && step.prompt ? (
        <div className="prompt" data-testid="step-prompt">
          <Target size={15} aria-hidden />
          <p>{step.prompt[lang]}</p>
        </div>
      ) : null}
      {step.kind === 'choice' ? <ChoiceAnswer step={step} answerKey={key} /> : null}
      {step.kind === 'number' ? <NumberAnswer step={step} answerKey={key} onSubmit={() => void checkStep()} /> : null}
      {step.kind === 'pii' ? <PiiTagging step={step} answerKey={key} /> : null}
      {step.kind === 'masked-view' ? <MaskedViewCard step={step} database={step.database ?? pack.lesson.dataset} /> : null}
      {step.kind === 'experiment' ? <ExperimentDecision step={step} answerKey={key} database={step.database ?? pack.lesson.dataset} /> : null}
      {step.kind === 'read' ? (
        // A read step has nothing to check: one click marks it done and moves on.
        <div className="step-actions">
          <button className="btn primary" onClick={() => void checkStep()} data-testid="read-continue">
            {t('lesson.continue')} <ArrowRight aria-hidden />
          </button>
        </div>
      ) : (
        <>
          {editor || isWorkbenchStep(step) || step.kind === 'capstone' || isGovernanceStep(step) ? null : <ColumnCheck />}
          <FeedbackPanel pack={pack} step={step} />
        </>
      )}
      {last && lessonDone ? <Recap pack={pack} /> : null}
    </article>
  );
}

function StepToolbar({ step }: { step: Step }) {
  const { t } = useTranslation();
  // A metric step's Run renders its template at the previewed grain first.
  // A masked-view step's Run makes the step's view again (masked-view-run.ts).
  const run = step.kind === 'metric' ? 'run-metric' : step.kind === 'masked-view' ? 'run-masked-view' : 'run';
  const engine = useStore((s) => s.engine);
  const checking = useStore((s) => s.checking);
  const schemaOpen = useStore((s) => s.lessonSchemaOpen);
  const setLessonSchemaOpen = useStore((s) => s.setLessonSchemaOpen);
  return (
    <div className="step-toolbar">
      <Tooltip text={t(`commands.${step.kind === 'metric' ? 'runMetric' : step.kind === 'masked-view' ? 'runMaskedView' : 'run'}`)} keys={shownKeys(run)}>
        <button className="btn" onClick={() => runCommand(run)} disabled={engine !== 'idle'} data-testid="lesson-run">
          <Play aria-hidden /> {t('toolbar.run')}
        </button>
      </Tooltip>
      <Tooltip text={t('commands.check')} keys={shownKeys('check')}>
        <button className="btn primary" onClick={() => void checkStep()} aria-disabled={checking} data-testid="check">
          {checking ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />} {t('lesson.check')}
        </button>
      </Tooltip>
      <Tooltip text={t('plan.command')}>
        <button className="btn" onClick={() => runCommand('explain')} disabled={engine !== 'idle'} data-testid="lesson-explain">
          <ListTree aria-hidden /> <span className="btn-label">{t('plan.button')}</span>
        </button>
      </Tooltip>
      <span className="spacer" />
      <Tooltip text={t('lesson.resetData')}>
        <button
          className="btn ghost small"
          onClick={() => void resetStepData()}
          disabled={engine !== 'idle'}
          aria-label={t('lesson.resetData')}
          data-testid="reset-step"
        >
          <RotateCcw aria-hidden /> <span className="btn-label">{t('lesson.resetShort')}</span>
        </button>
      </Tooltip>
      <Tooltip text={t('lesson.tables')}>
        <button
          className="btn ghost small"
          aria-pressed={schemaOpen}
          onClick={() => setLessonSchemaOpen(!schemaOpen)}
          data-testid="toggle-schema"
        >
          <Database aria-hidden /> <span className="btn-label">{t('lesson.tables')}</span>
        </button>
      </Tooltip>
    </div>
  );
}

/**
 * Beside the results' title after a Check: this is the graded result, and what the marks mean.
 * Not for `since`, the run on show when the step opened: that one was graded on the step before.
 */
function GradedNote({ since }: { since: RunRecord | null }) {
  const { t } = useTranslation();
  const graded = useStore((s) => (s.run === since ? undefined : s.run?.graded));
  if (!graded) return null;
  const parts = [t('lesson.gradedLabel')];
  if (graded.markedRows > 0) parts.push(t('lesson.gradedMarked', { count: graded.markedRows }));
  if (graded.missingRows > 0) parts.push(t('lesson.gradedMissing', { count: graded.missingRows }));
  const text = parts.join(' · ');
  return (
    <span className={`graded-note ${graded.pass ? 'pass' : 'fail'}`} title={text} data-testid="graded-note">
      {text}
    </span>
  );
}

function WorkArea({ step, openedWith }: { step: Step; openedWith: RunRecord | null }) {
  const key = useStore((s) => (s.lessonId && s.stepId ? stepKey(s.lessonId, s.stepId) : ''));
  const starter = 'starter' in step && typeof step.starter === 'string' ? step.starter : undefined;
  return (
    <Group orientation="vertical" id="lesson-work">
      <Panel id="lesson-editor" defaultSize="30" minSize="15">
        <div className="panel">
          <StepToolbar step={step} />
          <EditorPane docKey={`lesson:${key}`} starter={starter} />
        </div>
      </Panel>
      <Separator className="resize-handle v" />
      <Panel id="lesson-results" minSize="20">
        {step.kind === 'metric' ? (
          <div className="metric-results">
            <MetricPreview step={step} openedWith={openedWith} />
            <ResultsPane note={<GradedNote since={openedWith} />} />
          </div>
        ) : (
          <ResultsPane note={<GradedNote since={openedWith} />} />
        )}
      </Panel>
    </Group>
  );
}

/** The step's database, its tables and columns with their descriptions, beside the editor. */
function SchemaColumn({ step }: { step: Step }) {
  const { t } = useTranslation();
  // What the step's setup made is the step's starting point, not something the learner created.
  const stepObjects = useMemo(() => setupObjects(step), [step]);
  return (
    <section className="panel lesson-schema" aria-label={t('lesson.tables')} data-testid="lesson-schema">
      <h2 className="lesson-schema-title">{t('lesson.tables')}</h2>
      <SchemaBrowser compact stepObjects={stepObjects} />
    </section>
  );
}

/** A lesson: prose, task and feedback in one column; the editor, results and schema beside it. */
export function LessonPlayer() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const lessonId = useStore((s) => s.lessonId);
  const stepId = useStore((s) => s.stepId);
  const schemaOpen = useStore((s) => s.lessonSchemaOpen);
  const presenting = usePresenter((s) => s.active);
  // A lesson opened in author mode redraws when its folder is reloaded.
  useAuthorRevision();
  const pack = findLesson(lessonId);
  const step = pack?.lesson.steps.find((s) => s.id === stepId);
  // The run on show as a step opens (kept across the columns' re-layout): the one before's result.
  const openKey = `${lessonId}/${stepId}`;
  const [opened, setOpened] = useState(() => ({ key: openKey, run: useStore.getState().run }));
  if (opened.key !== openKey) setOpened({ key: openKey, run: useStore.getState().run });
  // Back from the sandbox, the step's own database may need opening again.
  useEffect(() => {
    void ensureStepDatabase();
  }, []);
  // Presenter mode belongs to the lesson on show: leaving the player (the course map, another screen) ends it.
  useEffect(() => () => exitPresenter(), []);
  if (!pack || !step) return null;
  const index = pack.lesson.steps.indexOf(step);
  const place = lessonPlace(pack.lesson.id);
  const editor = usesEditor(step);
  // An experiment step's column holds the readout's tables as well as the call: it starts wider.
  const wide = step.kind === 'experiment';
  return (
    <div className="app lesson-app" data-testid="lesson-player">
      <header className="topbar">
        <Brand />
        <button className="btn ghost small" onClick={closeLesson} title={t('lesson.backToCourse')} data-testid="back-to-course">
          <ArrowLeft aria-hidden /> <span className="btn-label">{t('lesson.backToCourse')}</span>
        </button>
        <h1 className="lesson-heading" title={pack.lesson.title[lang]}>
          {place ? (
            <span className="lesson-no-inline" data-testid="lesson-place">
              {t('lesson.lessonPlace', { track: place.track, n: place.lesson })}
            </span>
          ) : null}
          {pack.lesson.title[lang]}
        </h1>
        <Stepper pack={pack} current={step.id} />
        <div className="spacer" />
        <Tooltip text={t('presenter.buttonHint')} keys={shownKeys('presenter-toggle')}>
          <button
            className="btn small"
            aria-pressed={presenting}
            onClick={() => runCommand('presenter-toggle')}
            data-testid="presenter-toggle"
          >
            <Presentation aria-hidden /> <span className="btn-label">{t('presenter.button')}</span>
          </button>
        </Tooltip>
        <button className="btn small" onClick={() => moveStep(-1)} disabled={index === 0} aria-label={t('lesson.previous')}>
          <ArrowLeft aria-hidden />
        </button>
        <button
          className="btn small"
          onClick={() => moveStep(1)}
          disabled={index === pack.lesson.steps.length - 1}
          aria-label={t('lesson.next')}
          data-testid="step-next"
        >
          <ArrowRight aria-hidden />
        </button>
      </header>
      <main className="workspace" id="main-content">
        {presenting ? (
          <Suspense fallback={<div className="empty-state" aria-busy="true" />}>
            <PresenterStage pack={pack} step={step} />
          </Suspense>
        ) : isGovernanceStep(step) ? (
          // A quality or impact step: the check file or the lineage graph takes the place of the editor, results and tables.
          <Group orientation="horizontal" id="lesson-governance-columns">
            <Panel id="lesson-prose" defaultSize="30" minSize="240px">
              <div className="panel prose-scroll" data-testid="lesson-column">
                <LessonColumn key={step.id} pack={pack} step={step} />
              </div>
            </Panel>
            <Separator className="resize-handle h" />
            <Panel id="lesson-governance-panel" minSize="480px">
              <QualityImpactStepArea key={step.id} step={step} answerKey={stepKey(pack.lesson.id, step.id)} />
            </Panel>
          </Group>
        ) : isWorkbenchStep(step) || step.kind === 'capstone' ? (
          // A pipeline or models step (or a capstone's stages): the workbench takes the place of the editor, results and tables.
          <Group orientation="horizontal" id="lesson-workbench-columns">
            <Panel id="lesson-prose" defaultSize="28" minSize="240px">
              <div className="panel prose-scroll" data-testid="lesson-column">
                <LessonColumn key={step.id} pack={pack} step={step} />
              </div>
            </Panel>
            <Separator className="resize-handle h" />
            <Panel id="lesson-workbench-panel" minSize="480px">
              {step.kind === 'capstone' ? (
                <CapstoneStepArea key={step.id} step={step} answerKey={stepKey(pack.lesson.id, step.id)} />
              ) : (
                <WorkbenchStepArea key={step.id} step={step} answerKey={stepKey(pack.lesson.id, step.id)} />
              )}
            </Panel>
          </Group>
        ) : editor ? (
          <Group orientation="horizontal" id="lesson-columns" key={`${schemaOpen ? 'with-schema' : 'no-schema'}${wide ? '-wide' : ''}`}>
            <Panel id="lesson-prose" defaultSize={schemaOpen ? (wide ? '40' : '31') : wide ? '44' : '36'} minSize="240px">
              <div className="panel prose-scroll" data-testid="lesson-column">
                <LessonColumn key={step.id} pack={pack} step={step} />
              </div>
            </Panel>
            <Separator className="resize-handle h" />
            <Panel id="lesson-work-panel" minSize="320px">
              <WorkArea key={step.id} step={step} openedWith={opened.run} />
            </Panel>
            {schemaOpen ? (
              <>
                <Separator className="resize-handle h" />
                <Panel id="lesson-schema-panel" defaultSize="23" minSize="180px" maxSize="40">
                  <SchemaColumn step={step} />
                </Panel>
              </>
            ) : null}
          </Group>
        ) : (
          <div className="panel prose-scroll lesson-single" data-testid="lesson-column">
            <LessonColumn key={step.id} pack={pack} step={step} />
          </div>
        )}
      </main>
      <StatusBar />
    </div>
  );
}
