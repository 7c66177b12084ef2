import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import * as Tabs from '@radix-ui/react-tabs';
import { Ban, Download } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import type { ResultTab } from '../../state/ui-slice.ts';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import { ChartPanel } from '../../charts/ChartPanel.tsx';
import { runCommand } from '../../commands/commands.ts';
import { Select } from '../../ui/Select.tsx';
import { SqlErrorBox } from '../sql-help/SqlErrorBox.tsx';
import { QueryPlanView } from '../sql-help/QueryPlanView.tsx';
import { PiiWarning } from '../governance/PiiWarning.tsx';

/** The results area: a table or chart of the chosen statement's result, errors, and row info. */
export function ResultsPane({ note }: { note?: ReactNode } = {}) {
  const { t } = useTranslation();
  const run = useStore((s) => s.run);
  const active = useStore((s) => s.activeResult);
  const tab = useStore((s) => s.resultTab);
  const screen = useStore((s) => s.screen);
  const showResultTab = useStore((s) => s.showResultTab);
  const setActiveResult = useStore((s) => s.setActiveResult);
  const notify = useStore((s) => s.notify);
  const databaseId = useStore((s) => s.databaseId);
  const storedPlan = useStore((s) => s.plan);
  const plan = storedPlan && storedPlan.databaseId === databaseId ? storedPlan : null;
  const onCopied = useCallback(() => notify('success', t('results.copied')), [notify, t]);

  const outcome = run?.outcome ?? null;
  const exec = outcome && 'results' in outcome ? outcome : null;
  const result = exec?.results[active] ?? null;

  const hasColumns = !!result && result.columns.length > 0;
  let body;
  if (plan && tab === 'plan' && !hasColumns) {
    // Without a result table there are no tabs: the plan stands alone, with its own close button.
    body = <QueryPlanView plan={plan} />;
  } else if (!run) {
    body = (
      <div className="empty-state">
        <p>{t('results.empty')}</p>
        <p className="muted">{t(screen === 'lesson' ? 'results.emptyHintLesson' : 'results.emptyHint')}</p>
      </div>
    );
  } else if (!outcome) {
    body = <div className="empty-state">{t('status.busy')}</div>;
  } else if ('cancelled' in outcome) {
    body = (
      <div className="notice-inline" role="status" data-testid="cancelled">
        <Ban aria-hidden /> {t('results.cancelled')}
      </div>
    );
  } else {
    body = (
      <>
        {exec?.error ? (
          <SqlErrorBox error={exec.error} sql={run.sql} editorOffset={run.editorOffset >= 0 ? run.editorOffset : null} />
        ) : null}
        {result && result.columns.length > 0 ? (
          <Tabs.Root
            className="result-tabs"
            value={tab === 'plan' && !plan ? 'table' : tab}
            onValueChange={(v) => showResultTab(v as ResultTab)}
          >
            <Tabs.List className="tabs-list" aria-label={t('results.label')}>
              <Tabs.Trigger className="tab" value="table" data-testid="tab-table">
                {t('results.table')}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="chart" data-testid="tab-chart">
                {t('results.chart')}
              </Tabs.Trigger>
              {plan ? (
                <Tabs.Trigger className="tab" value="plan" data-testid="tab-plan">
                  {t('plan.tab')}
                </Tabs.Trigger>
              ) : null}
            </Tabs.List>
            <Tabs.Content className="tab-content" value="table">
              {result.truncated ? (
                <p className="truncated-note">{t('results.truncated', { shown: result.rows.length, total: result.rowCount })}</p>
              ) : null}
              {result.rows.length === 0 ? (
                <p className="empty-state">{t('results.noRows')}</p>
              ) : (
                <ResultGrid columns={result.columns} rows={result.rows} onCopied={onCopied} marks={run.marks} />
              )}
            </Tabs.Content>
            <Tabs.Content className="tab-content" value="chart">
              <ChartPanel columns={result.columns} rows={result.rows} truncated={result.truncated} />
            </Tabs.Content>
            {plan ? (
              <Tabs.Content className="tab-content" value="plan">
                <QueryPlanView plan={plan} />
              </Tabs.Content>
            ) : null}
          </Tabs.Root>
        ) : result ? (
          <p className="empty-state" data-testid="statement-done">
            {result.changes > 0 ? t('results.changes', { count: result.changes }) : t('results.done')}
          </p>
        ) : null}
      </>
    );
  }

  return (
    <section className="panel results-pane" aria-label={t('results.label')} data-testid="results-pane">
      <div className="results-header">
        <strong>{t('results.label')}</strong>
        {exec && exec.results.length > 1 ? (
          <Select
            label={t('results.label')}
            testId="statement-select"
            value={String(active)}
            options={exec.results.map((r, i) => ({
              value: String(i),
              label: `${t('results.statement', { n: r.statementIndex + 1 })} · ${r.sql.slice(0, 40)}`,
            }))}
            onChange={(v) => setActiveResult(Number(v))}
            minWidth={220}
          />
        ) : null}
        {result && result.columns.length > 0 ? (
          <span className="muted" data-testid="row-info">
            {result.truncated
              ? t('results.shown', { shown: result.rows.length, total: result.rowCount })
              : t('results.all', { count: result.rowCount })}
          </span>
        ) : null}
        {/* A lesson's graded result was timed by the grader, not here: no time for it. */}
        {exec && !run?.graded ? (
          <span className="muted">
            {t('results.time', { ms: exec.elapsedMs < 10 ? exec.elapsedMs.toFixed(1) : Math.round(exec.elapsedMs) })}
          </span>
        ) : null}
        {note}
        <span className="spacer" />
        <button
          className="btn small"
          onClick={() => runCommand('export-csv')}
          disabled={!result || result.columns.length === 0}
          data-testid="export-csv"
        >
          <Download aria-hidden /> {t('results.exportCsv')}
        </button>
      </div>
      <div className="results-body">
        {/* Non-blocking: the result below is shown whatever the warning says. */}
        <PiiWarning />
        {body}
      </div>
    </section>
  );
}
