import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Scale } from 'lucide-react';
import type { Pipeline } from '../../../core/pipeline/schema.ts';
import { DAG_STATE_ICONS } from '../../ui/graph/DagView.tsx';
import { usePipelineSessionStore, type PipelineSessionView } from './pipeline-store.ts';
import { reconcileAction } from './pipeline-actions.ts';
import { ReconcileSpecs } from './ReconcileForm.tsx';
import type { ReconcileReport, RunRecord, TaskLog } from './engine.ts';
import type { TaskError } from '../../../core/pipeline/runner.ts';

function fmt(n: number | null | undefined, lang: string): string {
  return n === null || n === undefined ? '—' : n.toLocaleString(lang);
}

function ms(n: number | null, lang: string): string {
  if (n === null) return '—';
  return n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toLocaleString(lang, { maximumFractionDigits: 2 })} s`;
}

function StateBadge({ state, label }: { state: TaskLog['state'] | RunRecord['state']; label?: string }) {
  const { t } = useTranslation();
  const s = state === 'cancelled' ? 'skipped' : state;
  const Icon = DAG_STATE_ICONS[s];
  return (
    <span className={`pl-state state-${s}`} data-state={state}>
      <Icon size={13} aria-hidden /> {label ?? (state === 'cancelled' ? t('pipeline.cancelledState') : t(`dag.state.${s}`))}
    </span>
  );
}

/** A task's error in the UI language: where it is (SQL line, template line, lake path) around the engine's own words. */
export function taskErrorLine(t: TFunction, error: TaskError): string {
  if (error.cancelled) return t('pipeline.log.errorCancelled');
  const message = error.message;
  if (error.in === 'template') return error.line !== undefined ? t('pipeline.log.errorTemplateAt', { line: error.line, message }) : t('pipeline.log.errorTemplate', { message });
  if (error.in === 'path') return t('pipeline.log.errorPath', { message });
  return error.line !== undefined ? t('pipeline.log.errorAt', { line: error.line, message }) : message;
}

/** SQL with line numbers, the line an error names marked (the learner finds it without counting). */
function NumberedSql({ sql, errorLine }: { sql: string; errorLine: number | undefined }) {
  const { t } = useTranslation();
  return (
    <pre className="pl-numbered" tabIndex={0}>
      {sql.split('\n').map((line, i) => (
        <span key={i} className={i + 1 === errorLine ? 'error-line' : undefined} title={i + 1 === errorLine ? t('pipeline.log.errorLine') : undefined}>
          <span className="ln" aria-hidden>
            {i + 1}
          </span>
          {line || ' '}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

/** The run the log shows: the one picked in the history, else the newest. */
function shownRun(session: PipelineSessionView): RunRecord | undefined {
  return session.runs.find((r) => r.id === session.shownRun) ?? session.runs[0];
}

/** The selected task's log in the shown run (or every task's, when none is selected): rows read, written, quarantined, time, SQL, error with its line. */
export function LogPanel({ session, task }: { session: PipelineSessionView; task: string | null }) {
  const { t, i18n } = useTranslation();
  const run = shownRun(session);
  if (!run) return <p className="pl-placeholder">{t('pipeline.log.none')}</p>;
  const logs = task ? run.tasks.filter((l) => l.task === task) : run.tasks;
  return (
    <div className="pl-log" data-testid="pl-log">
      <p className="small muted">
        {t('pipeline.log.of', { kind: t(`pipeline.runKind.${run.kind}`), ds: run.ds, at: new Date(run.started).toLocaleTimeString(i18n.language) })}
      </p>
      {task && logs.length === 0 ? <p className="muted">{t('pipeline.log.notInRun', { task })}</p> : null}
      {logs.map((log) => (
        <article key={log.task} className={`pl-log-entry state-${log.state}`} data-testid={`pl-log-${log.task}`} aria-label={log.task}>
          <header>
            <strong className="mono">{log.task}</strong>
            <StateBadge state={log.state} />
            <span className="spacer" />
            <span className="muted small">{ms(log.ms, i18n.language)}</span>
          </header>
          <dl className="pl-counts">
            <div>
              <dt>{t('pipeline.log.read')}</dt>
              <dd>{fmt(log.rowsRead, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('pipeline.log.written')}</dt>
              <dd>{fmt(log.rowsWritten, i18n.language)}</dd>
            </div>
            {log.rowsDeleted ? (
              <div>
                <dt>{t('pipeline.log.deleted')}</dt>
                <dd>{fmt(log.rowsDeleted, i18n.language)}</dd>
              </div>
            ) : null}
            <div className={log.rowsQuarantined ? 'warn' : ''}>
              <dt>{t('pipeline.log.quarantined')}</dt>
              <dd>{fmt(log.rowsQuarantined, i18n.language)}</dd>
            </div>
          </dl>
          {log.error ? (
            <div className="pl-error" role="alert" data-testid="pl-log-error">
              {taskErrorLine(t, log.error)}
            </div>
          ) : null}
          {log.rolledBack ? (
            <p className="small muted" data-testid="pl-log-rolled-back">
              {log.rolledBack.rowsWritten > 0 || log.rolledBack.rowsDeleted > 0
                ? t('pipeline.log.rolledBackRows', { written: fmt(log.rolledBack.rowsWritten, i18n.language), deleted: fmt(log.rolledBack.rowsDeleted, i18n.language) })
                : t('pipeline.log.rolledBack')}
            </p>
          ) : null}
          {log.state === 'upstream_failed' ? <p className="muted small">{t('pipeline.log.upstreamFailed')}</p> : null}
          {log.files && log.files.length > 0 ? (
            <p className="small">
              {t('pipeline.log.files')} <span className="mono">{log.files.join(', ')}</span>
            </p>
          ) : null}
          {log.path ? (
            <p className="small">
              {t('pipeline.log.path')} <span className="mono">{log.path}</span>
            </p>
          ) : null}
          {log.sql ? (
            <details className="pl-sql-ran" open={!!log.error}>
              <summary>{t('pipeline.log.sql')}</summary>
              <NumberedSql sql={log.sql} errorLine={log.error?.in === 'sql' || log.error?.in === undefined ? log.error?.line : undefined} />
            </details>
          ) : null}
        </article>
      ))}
    </div>
  );
}

/** Every run of this session, newest first; choosing one shows its logs. */
export function RunsPanel({ session, sessionKey, onShow }: { session: PipelineSessionView; sessionKey: string; onShow: () => void }) {
  const { t, i18n } = useTranslation();
  if (session.runs.length === 0) return <p className="pl-placeholder">{t('pipeline.runs.none')}</p>;
  return (
    <div className="pl-runs">
      <table className="pl-table" data-testid="pl-runs">
        <caption className="sr-only">{t('pipeline.tabs.runs')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pipeline.runs.when')}</th>
            <th scope="col">{t('pipeline.runs.kind')}</th>
            <th scope="col">ds</th>
            <th scope="col">{t('pipeline.runs.state')}</th>
            <th scope="col">{t('pipeline.runs.tasks')}</th>
            <th scope="col">{t('pipeline.runs.time')}</th>
          </tr>
        </thead>
        <tbody>
          {session.runs.map((run) => {
            const ok = run.tasks.filter((x) => x.state === 'success').length;
            return (
              <tr key={run.id} aria-current={session.shownRun === run.id ? 'true' : undefined}>
                <td>
                  <button
                    className="link-button"
                    onClick={() => {
                      usePipelineSessionStore.getState().showRun(sessionKey, run.id);
                      onShow();
                    }}
                  >
                    {new Date(run.started).toLocaleTimeString(i18n.language)}
                  </button>
                </td>
                <td>{t(`pipeline.runKind.${run.kind}`)}</td>
                <td className="mono">{run.ds}</td>
                <td>
                  <StateBadge state={run.state} />
                </td>
                <td className="num">
                  {ok}/{run.tasks.length}
                </td>
                <td className="num">{ms(run.ms, i18n.language)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Counts and sums between source and target after a run, each difference explained. */
export function ReconcilePanel(props: {
  session: PipelineSessionView;
  pipeline: Pipeline;
  sessionKey: string;
  ds: string;
  onChange: (p: Pipeline) => void;
  disabled: boolean;
}) {
  const { session, pipeline, sessionKey, ds } = props;
  const { t } = useTranslation();
  const reports = session.reconcile;
  return (
    <div className="pl-reconcile" data-testid="pl-reconcile">
      <p className="muted small">{t('pipeline.reconcile.intro')}</p>
      {pipeline.reconcile.length === 0 ? <p className="muted small">{t('pipeline.reconcile.noSpec')}</p> : null}
      <ReconcileSpecs pipeline={pipeline} onChange={props.onChange} disabled={props.disabled} />
      {pipeline.reconcile.length === 0 ? null : (
        <button className="btn small" onClick={() => void reconcileAction(sessionKey, pipeline, ds)} disabled={!session.hasDatabase || session.busy !== null}>
          <Scale aria-hidden /> {t('pipeline.reconcile.run')}
        </button>
      )}
      {pipeline.reconcile.length > 0 && !reports ? (
        <p className="pl-placeholder">{t(session.hasDatabase ? 'pipeline.reconcile.none' : 'pipeline.reconcile.runFirst')}</p>
      ) : null}
      {reports?.map((r) => <ReconcileReportView key={r.id} report={r} />)}
    </div>
  );
}

function ReconcileReportView({ report }: { report: ReconcileReport }) {
  const { t, i18n } = useTranslation();
  const hasSum = report.lines.some((l) => l.sum !== null);
  return (
    <section className="pl-reconcile-report" aria-label={report.title || report.id} data-testid={`pl-reconcile-${report.id}`}>
      <header>
        <strong>{report.title || report.id}</strong>
        <span className="muted small mono">{report.ds}</span>
        <span className="spacer" />
        {report.error ? null : report.balanced ? (
          <StateBadge state="success" label={t('pipeline.reconcile.balanced')} />
        ) : (
          <StateBadge state="failed" label={t('pipeline.reconcile.unbalanced')} />
        )}
      </header>
      {report.error ? (
        <p className="pl-error" role="alert">
          {report.error}
        </p>
      ) : (
        <>
          <table className="pl-table">
            <thead>
              <tr>
                <th scope="col">{t('pipeline.reconcile.measure')}</th>
                <th scope="col">{t('pipeline.reconcile.rows')}</th>
                {hasSum ? <th scope="col">{t('pipeline.reconcile.sum')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {report.lines.map((l) => (
                <tr key={l.kind} className={`recon-${l.kind}${l.kind === 'unexplained' && (l.rows !== 0 || (l.sum ?? 0) !== 0) ? ' unbalanced' : ''}`}>
                  <td>{t(`pipeline.reconcile.kind.${l.kind}`)}</td>
                  <td className="num">{fmt(l.rows, i18n.language)}</td>
                  {hasSum ? <td className="num">{fmt(l.sum, i18n.language)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">{report.balanced ? t('pipeline.reconcile.balancedText') : t('pipeline.reconcile.unbalancedText')}</p>
        </>
      )}
    </section>
  );
}
