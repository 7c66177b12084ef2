import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { ChevronLeft, ChevronRight, Play, Target, X } from 'lucide-react';
import type { LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { useStore } from '../../state/store.ts';
import { runCommand } from '../../commands/commands.ts';
import { setEditorText } from '../../editor/editor-bridge.ts';
import { EditorPane } from '../sandbox/EditorPane.tsx';
import { ResultsPane } from '../sandbox/ResultsPane.tsx';
import { stepKey } from '../course/course-progress.ts';
import { usesEditor } from '../lesson/step-traits.ts';
import { Markdown } from '../lesson/Markdown.tsx';
import { solutionText } from '../lesson/FeedbackPanel.tsx';
import { PresenterTimer } from './PresenterTimer.tsx';
import { exitPresenter, revealedText, setWalk, solutionStops, stepLine, usePresenter } from './presenter-store.ts';
import './presenter.css';

/** Focus in a place where arrows mean something already (a field, the editor, the grid, a list). */
function arrowsTaken(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return true;
  return !!target.closest('.monaco-editor, [role="grid"], [role="listbox"], [role="menu"], [role="tablist"], [role="slider"], [role="separator"], [role="dialog"]');
}

/** The step's solution, one line at a time: the shown lines, the current one marked, the rest hidden. */
function SolutionWalk({ walkKey, lines, typesIntoEditor }: { walkKey: string; lines: string[]; typesIntoEditor: boolean }) {
  const { t } = useTranslation();
  const shown = usePresenter((s) => (s.revealedFor === walkKey ? s.revealed : 0));
  const stops = useMemo(() => solutionStops(lines), [lines]);
  const current = shown > 0 ? stops[shown - 1]! : -1;
  const currentRef = useRef<HTMLLIElement>(null);
  // In braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    currentRef.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  if (stops.length === 0) {
    return (
      <section className="presenter-solution" aria-labelledby="presenter-solution-title" data-testid="presenter-solution">
        <h2 id="presenter-solution-title">{t('presenter.solution.title')}</h2>
        <p className="muted">{t('presenter.solution.none')}</p>
      </section>
    );
  }
  return (
    <section className="presenter-solution" aria-labelledby="presenter-solution-title" data-testid="presenter-solution">
      <div className="presenter-solution-head">
        <h2 id="presenter-solution-title">{t('presenter.solution.title')}</h2>
        <span className="presenter-solution-count" data-testid="presenter-line-count">
          {t('presenter.solution.progress', { n: shown, total: stops.length })}
        </span>
        <button className="btn" onClick={() => stepLine(-1)} disabled={shown === 0} aria-keyshortcuts="ArrowLeft" data-testid="presenter-prev-line">
          <ChevronLeft aria-hidden /> {t('presenter.solution.previous')}
        </button>
        <button
          className="btn primary"
          onClick={() => stepLine(1)}
          disabled={shown === stops.length}
          aria-keyshortcuts="ArrowRight"
          data-testid="presenter-next-line"
        >
          {t('presenter.solution.next')} <ChevronRight aria-hidden />
        </button>
      </div>
      {shown === 0 ? <p className="muted">{t('presenter.solution.start')}</p> : null}
      <ol className="presenter-lines" data-testid="presenter-lines">
        {lines.slice(0, current + 1).map((line, i) => (
          <li
            key={i}
            ref={i === current ? currentRef : undefined}
            className={i === current ? 'current' : undefined}
            aria-current={i === current ? 'step' : undefined}
            data-testid={i === current ? 'presenter-current-line' : undefined}
          >
            <code>{line === '' ? '\u00a0' : line}</code>
            {i === current ? <span className="sr-only"> ({t('presenter.solution.current')})</span> : null}
          </li>
        ))}
      </ol>
      <p className="presenter-note muted" aria-live="polite">
        {shown === stops.length ? `${t('presenter.solution.done')} ` : ''}
        {typesIntoEditor ? `${t('presenter.solution.typed')} ` : ''}
        {t('presenter.solution.note')}
      </p>
    </section>
  );
}

/** The step's words, large: title, prose and the task. */
function StepProse({ pack, step }: { pack: LessonPack; step: Step }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const index = pack.lesson.steps.indexOf(step);
  const section = pack.prose[lang].steps.find((s) => s.id === step.id)?.markdown ?? '';
  return (
    <article className="presenter-prose" data-testid="presenter-prose">
      <h2 className="step-title">
        <span className="muted">{t('presenter.stepOf', { n: index + 1, total: pack.lesson.steps.length })}</span>
        {step.title[lang]}
      </h2>
      <Markdown text={section} />
      {'prompt' in step && step.prompt ? (
        <div className="prompt">
          <Target aria-hidden />
          <p>{step.prompt[lang]}</p>
        </div>
      ) : null}
      {step.kind === 'choice' ? (
        // The options the room chooses from (which are right is for the walk-through below).
        <ol className="presenter-choices" type="A" data-testid="presenter-choices">
          {step.choices.map((c) => (
            <li key={c.id}>{c.label[lang]}</li>
          ))}
        </ol>
      ) : null}
    </article>
  );
}

/**
 * Presenter mode: the lesson step on show, projected for a room. Large type through the tokens'
 * scale, the editor and the results side by side, the solution walked through line by line, and
 * an exercise timer. Nothing here changes the learner's progress: the solution is read from the
 * lesson, never "revealed", and the editor is a presenter's draft of its own.
 */
export function PresenterStage({ pack, step }: { pack: LessonPack; step: Step }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const key = stepKey(pack.lesson.id, step.id);
  const engine = useStore((s) => s.engine);
  const editor = usesEditor(step);
  const solution = solutionText(step, lang);
  const source = solution.code ?? solution.text ?? '';
  const lines = useMemo(() => (source ? source.replace(/\s+$/, '').split('\n') : []), [source]);
  const shown = usePresenter((s) => (s.revealedFor === key ? s.revealed : 0));
  const rootRef = useRef<HTMLDivElement>(null);

  // The tokens' larger type scale, for as long as presenter mode shows.
  useEffect(() => {
    document.documentElement.dataset.presenter = '';
    return () => {
      delete document.documentElement.dataset.presenter;
    };
  }, []);

  useEffect(() => {
    setWalk({ key, lines });
    return () => setWalk(null);
  }, [key, lines]);

  // Each step of the walk-through types the lines shown so far into the presenter's editor; focus
  // stays where it was, so the arrow keys keep stepping.
  // (Opening another step is not a step of the walk: its editor keeps its own text.)
  const typed = useRef({ key, shown });
  useEffect(() => {
    if (typed.current.key !== key) {
      typed.current = { key, shown };
      return;
    }
    if (!editor || !solution.code || typed.current.shown === shown) return;
    typed.current = { key, shown };
    const before = document.activeElement;
    setEditorText(revealedText(lines, shown));
    if (before instanceof HTMLElement && before !== document.body) before.focus({ preventScroll: true });
  }, [editor, solution.code, lines, shown, key]);

  // → and ← step through the solution wherever the arrows are not someone else's.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      if (arrowsTaken(e.target)) return;
      e.preventDefault();
      stepLine(e.key === 'ArrowRight' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Focus comes into the stage as it opens (the button that opened it is gone from the page).
  useEffect(() => {
    rootRef.current?.focus({ preventScroll: true });
  }, []);

  const run = step.kind === 'metric' ? 'run-metric' : step.kind === 'masked-view' ? 'run-masked-view' : 'run';
  const walk = <SolutionWalk walkKey={key} lines={lines} typesIntoEditor={editor && !!solution.code} />;
  return (
    <section className="presenter-stage" aria-label={t('presenter.region')} data-testid="presenter-stage" tabIndex={-1} ref={rootRef}>
      <div className="presenter-bar">
        <PresenterTimer />
        <button className="btn presenter-exit" onClick={exitPresenter} aria-keyshortcuts="Escape" data-testid="presenter-exit">
          <X aria-hidden /> {t('presenter.exit')}
        </button>
      </div>
      {editor ? (
        <Group orientation="horizontal" id="presenter-columns" className="presenter-columns">
          <Panel id="presenter-prose" defaultSize="30" minSize="200px">
            <div className="presenter-scroll">
              <StepProse pack={pack} step={step} />
              {walk}
            </div>
          </Panel>
          <Separator className="resize-handle h" />
          <Panel id="presenter-editor" defaultSize="35" minSize="240px">
            <div className="panel presenter-editor">
              <div className="step-toolbar">
                <button className="btn" onClick={() => runCommand(run)} disabled={engine !== 'idle'} data-testid="presenter-run">
                  <Play aria-hidden /> {t('presenter.run')}
                </button>
              </div>
              <EditorPane docKey={`presenter:${key}`} starter={'starter' in step && typeof step.starter === 'string' ? step.starter : undefined} />
            </div>
          </Panel>
          <Separator className="resize-handle h" />
          <Panel id="presenter-results" defaultSize="35" minSize="240px">
            <ResultsPane />
          </Panel>
        </Group>
      ) : (
        <div className="presenter-scroll presenter-single">
          <StepProse pack={pack} step={step} />
          <p className="muted">{t('presenter.noEditor')}</p>
          {walk}
        </div>
      )}
    </section>
  );
}
