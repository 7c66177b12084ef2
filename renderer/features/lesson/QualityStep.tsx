import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Alert from '@radix-ui/react-alert-dialog';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { CheckCheck, Database, Loader2, Play, RotateCcw, Square } from 'lucide-react';
import type { QualityStep } from '../../../core/lessons/kinds/governance-schemas.ts';
import type { QualityRun } from '../../../core/governance/types.ts';
import { parseCheckFile } from '../../../core/governance/quality/format.ts';
import { useStore } from '../../state/store.ts';
import { shownKeys } from '../../commands/commands.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { GovernanceCancelledError, sharedGovernanceClient } from '../../workbench/governance-client.ts';
import { SchemaBrowser } from '../sandbox/SchemaBrowser.tsx';
import { QualityEditor, type LineReveal } from '../governance/QualityEditor.tsx';
import { QualityResults } from '../governance/QualityResults.tsx';
import { QualityRunStatus, type QualityRunProgress } from '../governance/QualityProgress.tsx';
import { checkStep } from './lesson-actions.ts';
import { qualityDraftKey, qualityYaml, saveQualityYaml } from './governance-answers.ts';
import '../governance/quality.css';

/**
 * A quality step's work area: the learner's check file (YAML) in Monaco with its problems marked at
 * their lines, Run (the checks on the step's data, as of the step's day when it names one) with
 * Cancel, the results grouped by table with the failing rows, the tables of the step's database at
 * hand, and Check (graded in the lesson column's feedback; the checks run again so the results show
 * what was graded).
 */
export function QualityStepArea({ step, answerKey }: { step: QualityStep; answerKey: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const checking = useStore((s) => s.checking);
  // Re-read on every saved edit: the editor is controlled by the saved answer.
  useStore((s) => s.queries.drafts[qualityDraftKey(answerKey)]);
  const yaml = qualityYaml(step, answerKey);
  const [run, setRun] = useState<{ run: QualityRun; yaml: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<QualityRunProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [reveal, setReveal] = useState<LineReveal | null>(null);
  const [schemaOpen, setSchemaOpen] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const typed = useDeferredValue(yaml);
  const problems = useMemo(() => {
    const live = parseCheckFile(typed).problems;
    const fromRun = run && run.yaml === typed ? run.run.problems : [];
    const seen = new Set(live.map((p) => `${p.line}\u0000${p.message.en}`));
    return [...live, ...fromRun.filter((p) => !seen.has(`${p.line}\u0000${p.message.en}`))].sort((a, b) => a.line - b.line);
  }, [typed, run]);

  const runChecks = async (): Promise<void> => {
    if (busy) return;
    const text = qualityYaml(step, answerKey);
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    setProgress(null);
    setError(null);
    try {
      const result = await sharedGovernanceClient().quality(text, {
        asOf: step.asOf ?? null,
        signal: controller.signal,
        onProgress: (done, total, current) => {
          if (abort.current === controller) setProgress({ done, total, current: current ?? null });
        },
      });
      if (controller.signal.aborted) return;
      setRun({ run: result, yaml: text });
      setChosen(result.results.find((r) => r.outcome !== 'pass')?.check.id ?? null);
    } catch (e) {
      if (!(e instanceof GovernanceCancelledError))
        setError(t('governance.quality.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      if (abort.current === controller) abort.current = null;
      setBusy(false);
    }
  };

  const check = () => {
    void checkStep();
    // The results beside the feedback are of the file that was graded.
    if (!run || run.yaml !== yaml) void runChecks();
  };

  return (
    <div className="panel lesson-workbench qs-area" data-testid="quality-step">
      <div className="step-toolbar">
        <button className="btn" onClick={() => void runChecks()} disabled={busy} data-testid="quality-step-run">
          {busy ? <Loader2 className="spin" aria-hidden /> : <Play aria-hidden />} {t('governance.quality.run')}
        </button>
        {busy ? (
          <button className="btn" onClick={() => abort.current?.abort()} data-testid="quality-step-cancel">
            <Square aria-hidden /> {t('governance.quality.cancel')}
          </button>
        ) : null}
        <Tooltip text={t('commands.check')} keys={shownKeys('check')}>
          <button className="btn primary" onClick={check} aria-disabled={checking} data-testid="check">
            {checking ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />} {t('lesson.check')}
          </button>
        </Tooltip>
        {busy ? (
          <QualityRunStatus progress={progress} testId="quality-step-progress" />
        ) : error ? (
          <span className="qc-error" role="alert">
            {error}
          </span>
        ) : step.asOf ? (
          <span className="muted small">{t('governance.qualityStep.asOf', { day: step.asOf })}</span>
        ) : null}
        <span className="spacer" />
        <button className="btn ghost small" onClick={() => setConfirm(true)} disabled={busy} data-testid="quality-step-restart">
          <RotateCcw aria-hidden /> <span className="btn-label">{t('lesson.restartWork')}</span>
        </button>
        <Tooltip text={t('lesson.tables')}>
          <button
            className="btn ghost small"
            aria-pressed={schemaOpen}
            onClick={() => setSchemaOpen(!schemaOpen)}
            data-testid="quality-step-schema"
          >
            <Database aria-hidden /> <span className="btn-label">{t('lesson.tables')}</span>
          </button>
        </Tooltip>
      </div>
      <Group orientation="horizontal" id="quality-step-columns" key={schemaOpen ? 'schema' : 'no-schema'} className="qs-columns">
        <Panel id="quality-step-main" minSize="320px">
          <Group orientation="vertical" id="quality-step-work">
            <Panel id="quality-step-editor" defaultSize="45" minSize="20">
              <div className="qc-editor-pane">
                <div className="qc-editor-box">
                  <QualityEditor
                    path={`lesson/${answerKey}/checks.yml`}
                    value={yaml}
                    onChange={(next) => saveQualityYaml(answerKey, next)}
                    problems={problems}
                    reveal={reveal}
                    label={t('governance.quality.editorLabel')}
                  />
                </div>
                {problems.length > 0 ? (
                  <div className="qc-live-problems" role="status" data-testid="quality-file-problems">
                    <strong>{t('governance.quality.fileProblems', { count: problems.length })}</strong>
                    <ul>
                      {problems.slice(0, 4).map((p, i) => (
                        <li key={i}>
                          <button
                            type="button"
                            className="qc-link"
                            onClick={() => setReveal((r) => ({ line: p.line, seq: (r?.seq ?? 0) + 1 }))}
                          >
                            {t('governance.quality.atLine', { line: p.line })}
                          </button>{' '}
                          {p.message[lang]}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            </Panel>
            <Separator className="resize-handle v" />
            <Panel id="quality-step-results" minSize="20">
              <section className="qc-scroll qs-results" aria-label={t('governance.quality.resultsTab')} tabIndex={0}>
                {run ? (
                  <QualityResults
                    run={run.run}
                    chosen={chosen}
                    onChoose={setChosen}
                    onReveal={(line) => setReveal((r) => ({ line, seq: (r?.seq ?? 0) + 1 }))}
                    stale={run.yaml !== yaml}
                  />
                ) : (
                  <p className="empty-state">{busy ? t('governance.quality.running') : t('governance.qualityStep.runFirst')}</p>
                )}
              </section>
            </Panel>
          </Group>
        </Panel>
        {schemaOpen ? (
          <>
            <Separator className="resize-handle h" />
            <Panel id="quality-step-tables" defaultSize="28" minSize="180px">
              <section className="panel lesson-schema" aria-label={t('lesson.tables')}>
                <h2 className="lesson-schema-title">{t('lesson.tables')}</h2>
                <SchemaBrowser compact />
              </section>
            </Panel>
          </>
        ) : null}
      </Group>
      <Alert.Root open={confirm} onOpenChange={setConfirm}>
        <Alert.Portal>
          <Alert.Overlay className="overlay" />
          <Alert.Content className="dialog" data-testid="restart-dialog">
            <Alert.Title>{t('lesson.restartWorkTitle')}</Alert.Title>
            <Alert.Description>{t('governance.qualityStep.restartBody')}</Alert.Description>
            <div className="dialog-actions">
              <Alert.Cancel className="btn">{t('lesson.keepTrying')}</Alert.Cancel>
              <Alert.Action
                className="btn primary"
                onClick={() => {
                  saveQualityYaml(answerKey, step.starter);
                  setRun(null);
                }}
                data-testid="restart-confirm"
              >
                {t('lesson.restartWork')}
              </Alert.Action>
            </div>
          </Alert.Content>
        </Alert.Portal>
      </Alert.Root>
    </div>
  );
}
