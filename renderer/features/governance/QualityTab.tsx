import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Tabs from '@radix-ui/react-tabs';
import * as Alert from '@radix-ui/react-alert-dialog';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { CalendarRange, Loader2, Play, RotateCcw, Square } from 'lucide-react';
import { formatNumber } from '../../../core/format/number.ts';
import { parseCheckFile } from '../../../core/governance/quality/format.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { useGovernanceStore } from './governance-store.ts';
import { QualityEditor, type LineReveal } from './QualityEditor.tsx';
import { QualityResults } from './QualityResults.tsx';
import { QualityHistoryView } from './QualityHistory.tsx';
import { QualityRunStatus } from './QualityProgress.tsx';
import { cancelQuality, exampleChecks, learnerChecks, resetToExample, runChecks, runHistory } from './quality-actions.ts';
import './quality.css';

/** The Run / History / Cancel bar, with the progress of the work under way. */
function QualityToolbar({ onReset }: { onReset: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const busy = useGovernanceStore((s) => s.qualityBusy);
  const error = useGovernanceStore((s) => s.qualityError);
  const progress =
    busy?.kind === 'history' && busy.total > 0
      ? t('governance.quality.historyProgress', { done: formatNumber(busy.done, lang), total: formatNumber(busy.total, lang) })
      : busy?.kind === 'history'
        ? t('governance.quality.historyStarting')
        : null;
  return (
    <div className="step-toolbar qc-toolbar" role="toolbar" aria-label={t('governance.quality.toolbar')}>
      <Tooltip text={t('governance.quality.runHint')}>
        <button className="btn primary" onClick={() => void runChecks()} disabled={!!busy} data-testid="quality-run">
          {busy?.kind === 'run' ? <Loader2 className="spin" aria-hidden /> : <Play aria-hidden />} {t('governance.quality.run')}
        </button>
      </Tooltip>
      <Tooltip text={t('governance.quality.historyHint')}>
        <button className="btn" onClick={() => void runHistory()} disabled={!!busy} data-testid="quality-history-run">
          {busy?.kind === 'history' ? <Loader2 className="spin" aria-hidden /> : <CalendarRange aria-hidden />}{' '}
          {t('governance.quality.history.run')}
        </button>
      </Tooltip>
      {busy ? (
        <>
          <button className="btn" onClick={cancelQuality} data-testid="quality-cancel">
            <Square aria-hidden /> {t('governance.quality.cancel')}
          </button>
          {busy.kind === 'run' ? (
            <QualityRunStatus progress={busy} testId="quality-progress" />
          ) : (
            <span className="qc-progress" role="status" data-testid="quality-progress">
              {progress}
              {busy.total > 0 ? <progress max={busy.total} value={busy.done} aria-label={t('governance.quality.history.run')} /> : null}
            </span>
          )}
        </>
      ) : error ? (
        <span className="qc-error" role="alert" data-testid="quality-error">
          {error}
        </span>
      ) : null}
      <span className="spacer" />
      <Tooltip text={t('governance.quality.resetHint')}>
        <button className="btn ghost small" onClick={onReset} disabled={!!busy} data-testid="quality-reset">
          <RotateCcw aria-hidden /> <span className="btn-label">{t('governance.quality.reset')}</span>
        </button>
      </Tooltip>
    </div>
  );
}

/**
 * The Quality tab: the learner's check file (YAML, starting from the reference example) in Monaco
 * on the left, with the file's problems marked at their lines; on the right the last run's results
 * grouped by table, or the history over every simulated day with the day each check broke.
 */
export function QualityTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const doc = useGovernanceStore((s) => s.doc);
  const run = useGovernanceStore((s) => s.qualityRun);
  const history = useGovernanceStore((s) => s.qualityHistory);
  const ran = useGovernanceStore((s) => s.qualityRanYaml);
  const chosen = useGovernanceStore((s) => s.qualityChosen);
  const view = useGovernanceStore((s) => s.qualityView);
  const busy = useGovernanceStore((s) => s.qualityBusy);
  const { setChecksYaml, chooseCheck, setQualityView } = useGovernanceStore.getState();
  const yaml = learnerChecks(doc);
  const [reveal, setReveal] = useState<LineReveal | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  // The file is read as it is typed (YAML and the check vocabulary; a few ms); what only the data can
  // tell (a table or column that does not exist) comes from the last run, while its text is unchanged.
  const typed = useDeferredValue(yaml);
  const problems = useMemo(() => {
    const live = parseCheckFile(typed).problems;
    const fromRun = run && ran.run === typed ? run.problems : [];
    const seen = new Set(live.map((p) => `${p.line}\u0000${p.message.en}`));
    return [...live, ...fromRun.filter((p) => !seen.has(`${p.line}\u0000${p.message.en}`))].sort((a, b) => a.line - b.line);
  }, [typed, run, ran.run]);
  const reveal1 = (line: number) => setReveal((r) => ({ line, seq: (r?.seq ?? 0) + 1 }));
  const checks = useMemo(() => run?.results.map((r) => r.check) ?? [], [run]);

  return (
    <div className="gov-tab-body qc-tab" data-testid="gov-quality-tab">
      <QualityToolbar onReset={() => setConfirmReset(true)} />
      <Group orientation="horizontal" id="gov-quality" className="qc-columns">
        <Panel id="gov-quality-editor" defaultSize="42" minSize="260px">
          <section className="qc-editor-pane" aria-label={t('governance.quality.editorLabel')}>
            <h2 className="qc-pane-title">
              {t('governance.quality.file')}
              {doc.checksYaml === '' ? <span className="muted small"> · {t('governance.quality.fromExample')}</span> : null}
            </h2>
            <div className="qc-editor-box">
              <QualityEditor
                path="governance/checks.yml"
                value={yaml}
                onChange={(next) => setChecksYaml(next === exampleChecks() ? '' : next)}
                problems={problems}
                reveal={reveal}
                label={t('governance.quality.editorLabel')}
              />
            </div>
            {problems.length > 0 ? (
              <div className="qc-live-problems" role="status" data-testid="quality-file-problems">
                <strong>{t('governance.quality.fileProblems', { count: problems.length })}</strong>
                <ul>
                  {problems.slice(0, 5).map((p, i) => (
                    <li key={i}>
                      <button type="button" className="qc-link" onClick={() => reveal1(p.line)}>
                        {t('governance.quality.atLine', { line: p.line })}
                      </button>{' '}
                      {p.message[lang]}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
        </Panel>
        <Separator className="resize-handle h" />
        <Panel id="gov-quality-results" minSize="360px">
          <Tabs.Root className="qc-views" value={view} onValueChange={(v) => setQualityView(v as 'results' | 'history')}>
            <Tabs.List className="tabs-list" aria-label={t('governance.quality.views')}>
              <Tabs.Trigger className="tab" value="results" data-testid="quality-view-results">
                {t('governance.quality.resultsTab')}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="history" data-testid="quality-view-history">
                {t('governance.quality.history.tab')}
              </Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content className="tab-content qc-scroll" value="results" tabIndex={0}>
              {run ? (
                <QualityResults run={run} chosen={chosen} onChoose={chooseCheck} onReveal={reveal1} stale={ran.run !== yaml} />
              ) : (
                <p className="empty-state" data-testid="quality-empty">
                  {busy?.kind === 'run' ? t('governance.quality.running') : t('governance.quality.empty')}
                </p>
              )}
            </Tabs.Content>
            <Tabs.Content className="tab-content qc-scroll" value="history" tabIndex={0}>
              {history ? (
                <>
                  {ran.history !== yaml ? <p className="qc-stale">{t('governance.quality.history.stale')}</p> : null}
                  <QualityHistoryView history={history} checks={checks.length > 0 ? checks : []} />
                </>
              ) : (
                <p className="empty-state" data-testid="history-empty">
                  {busy?.kind === 'history' ? t('governance.quality.historyStarting') : t('governance.quality.history.empty')}
                </p>
              )}
            </Tabs.Content>
          </Tabs.Root>
        </Panel>
      </Group>
      <Alert.Root open={confirmReset} onOpenChange={setConfirmReset}>
        <Alert.Portal>
          <Alert.Overlay className="overlay" />
          <Alert.Content className="dialog" data-testid="quality-reset-dialog">
            <Alert.Title>{t('governance.quality.resetTitle')}</Alert.Title>
            <Alert.Description>{t('governance.quality.resetBody')}</Alert.Description>
            <div className="dialog-actions">
              <Alert.Cancel className="btn">{t('governance.quality.keep')}</Alert.Cancel>
              <Alert.Action className="btn primary" onClick={resetToExample} data-testid="quality-reset-confirm">
                {t('governance.quality.reset')}
              </Alert.Action>
            </div>
          </Alert.Content>
        </Alert.Portal>
      </Alert.Root>
    </div>
  );
}
