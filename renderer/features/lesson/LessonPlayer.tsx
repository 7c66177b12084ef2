import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { ArrowLeft, ArrowRight, CheckCheck, Play, RotateCcw, Target, Check, Loader2, ListTree } from 'lucide-react';
import type { LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { useStore } from '../../state/store.ts';
import { displayKeys, runCommand } from '../../commands/commands.ts';
import { Brand } from '../shell/Brand.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { EditorPane } from '../sandbox/EditorPane.tsx';
import { ResultsPane } from '../sandbox/ResultsPane.tsx';
import { StatusBar } from '../sandbox/StatusBar.tsx';
import { findLesson, stepKey } from '../course/course-data.ts';
import { checkStep, closeLesson, moveStep, openLesson, resetStepData } from './lesson-actions.ts';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { Markdown } from './Markdown.tsx';
import { ReadChart } from './ReadChart.tsx';
import { ChoiceAnswer, NumberAnswer } from './StepAnswer.tsx';

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

function ProsePanel({ pack, step }: { pack: LessonPack; step: Step }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const prose = pack.prose[lang];
  const index = pack.lesson.steps.findIndex((s) => s.id === step.id);
  const section = prose.steps.find((s) => s.id === step.id)?.markdown ?? '';
  const done = useStore((s) => s.progress.steps[stepKey(pack.lesson.id, step.id)]?.status === 'done');
  const last = index === pack.lesson.steps.length - 1;
  const objectives = pack.lesson.objectives.filter((o) => step.objectives.includes(o.id));
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
      {'prompt' in step && step.prompt ? (
        <div className="prompt" data-testid="step-prompt">
          <Target size={15} aria-hidden />
          <p>{step.prompt[lang]}</p>
        </div>
      ) : null}
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
      {last && done ? (
        <section className="recap" data-testid="recap">
          <h3>{t('lesson.recap')}</h3>
          <Markdown text={prose.recap} />
          <button className="btn primary" onClick={closeLesson}>
            {t('lesson.backToCourse')}
          </button>
        </section>
      ) : null}
    </article>
  );
}

function StepToolbar({ step }: { step: Step }) {
  const { t } = useTranslation();
  const engine = useStore((s) => s.engine);
  const checking = useStore((s) => s.checking);
  const usesEditor = step.kind === 'query' || step.kind === 'build' || ('starter' in step && !!step.starter);
  return (
    <div className="step-toolbar">
      {usesEditor ? (
        <Tooltip text={t('commands.run')} keys={displayKeys('Mod+Enter')}>
          <button className="btn" onClick={() => runCommand('run')} disabled={engine !== 'idle'} data-testid="lesson-run">
            <Play aria-hidden /> {t('toolbar.run')}
          </button>
        </Tooltip>
      ) : null}
      <Tooltip text={t('commands.check')} keys={displayKeys('Shift+Mod+Enter')}>
        <button className="btn primary" onClick={() => void checkStep()} disabled={checking} data-testid="check">
          {checking ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />}{' '}
          {step.kind === 'read' ? t('lesson.continue') : t('lesson.check')}
        </button>
      </Tooltip>
      {usesEditor ? (
        <Tooltip text={t('plan.command')}>
          <button className="btn" onClick={() => runCommand('explain')} disabled={engine !== 'idle'} data-testid="lesson-explain">
            <ListTree aria-hidden /> <span className="btn-label">{t('plan.button')}</span>
          </button>
        </Tooltip>
      ) : null}
      <span className="spacer" />
      {usesEditor ? (
        <button className="btn ghost small" onClick={() => void resetStepData()} disabled={engine !== 'idle'} data-testid="reset-step">
          <RotateCcw aria-hidden /> {t('lesson.resetData')}
        </button>
      ) : null}
    </div>
  );
}

function WorkArea({ pack, step }: { pack: LessonPack; step: Step }) {
  const key = stepKey(pack.lesson.id, step.id);
  const usesEditor = step.kind === 'query' || step.kind === 'build' || ('starter' in step && !!step.starter);
  const starter = 'starter' in step ? step.starter : undefined;
  const answerForm =
    step.kind === 'choice' ? (
      <ChoiceAnswer step={step} answerKey={key} />
    ) : step.kind === 'number' ? (
      <NumberAnswer step={step} answerKey={key} onSubmit={() => void checkStep()} />
    ) : step.kind === 'read' && step.chart ? (
      <ReadChart sql={step.chart.sql} spec={step.chart.spec} database={step.chart.database ?? pack.lesson.dataset} />
    ) : null;
  if (!usesEditor) {
    return (
      <div className="panel work-simple">
        <StepToolbar step={step} />
        <div className="work-scroll">
          {answerForm}
          <FeedbackPanel pack={pack} step={step} />
        </div>
      </div>
    );
  }
  return (
    <Group orientation="vertical" id="lesson-work">
      <Panel id="lesson-editor" defaultSize="42" minSize="15">
        <div className="panel">
          <StepToolbar step={step} />
          <EditorPane docKey={`lesson:${key}`} starter={starter} />
        </div>
      </Panel>
      <Separator className="resize-handle v" />
      <Panel id="lesson-results" minSize="20">
        <div className="panel">
          <div className="work-under">
            {answerForm}
            <FeedbackPanel pack={pack} step={step} />
          </div>
          <ResultsPane />
        </div>
      </Panel>
    </Group>
  );
}

/** A lesson: prose on one side, the work (editor, results, answer) and feedback on the other. */
export function LessonPlayer() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const lessonId = useStore((s) => s.lessonId);
  const stepId = useStore((s) => s.stepId);
  const pack = findLesson(lessonId);
  const step = pack?.lesson.steps.find((s) => s.id === stepId);
  if (!pack || !step) return null;
  const index = pack.lesson.steps.indexOf(step);
  return (
    <div className="app lesson-app" data-testid="lesson-player">
      <header className="topbar">
        <Brand />
        <button className="btn ghost small" onClick={closeLesson} data-testid="back-to-course">
          <ArrowLeft aria-hidden /> {t('lesson.backToCourse')}
        </button>
        <h1 className="lesson-heading">{pack.lesson.title[lang]}</h1>
        <Stepper pack={pack} current={step.id} />
        <div className="spacer" />
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
      <main className="workspace">
        <Group orientation="horizontal" id="lesson-columns">
          <Panel id="lesson-prose" defaultSize="36" minSize="22">
            <div className="panel prose-scroll">
              <ProsePanel pack={pack} step={step} />
            </div>
          </Panel>
          <Separator className="resize-handle h" />
          <Panel id="lesson-work-panel" minSize="35">
            <WorkArea key={step.id} pack={pack} step={step} />
          </Panel>
        </Group>
      </main>
      <StatusBar />
    </div>
  );
}
