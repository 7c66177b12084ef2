import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CalendarRange, Copy, Square } from 'lucide-react';
import type { IdempotencyReport } from '../../../core/pipeline/runner.ts';
import type { Pipeline } from '../../../core/pipeline/schema.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Select } from '../../ui/Select.tsx';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import { backfillAction, cancelAction, idempotencyAction } from './pipeline-actions.ts';
import { taskErrorLine } from './RunPanels.tsx';
import type { PipelineSessionView } from './pipeline-store.ts';
import { RunProgress } from './RunProgress.tsx';

/** Days from `from` to `to` inclusive (0 when the range is backwards or not dates). */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0;
  return Math.round((b - a) / 86_400_000) + 1;
}

/** The most days one backfill runs (a learner's typo of a year should not start 365 runs). */
export const MAX_BACKFILL_DAYS = 92;

/** How many days a backfill covers by default when the schedule gives no range around the date. */
export const DEFAULT_BACKFILL_DAYS = 3;

/** `ds` moved by `days` (negative: earlier), as YYYY-MM-DD. */
function shiftDs(ds: string, days: number): string {
  const d = new Date(`${ds}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The range the Backfill dialog opens with, around the workbench's logical date `ds` (a lesson
 * step's graded day, never the calendar's today there): the schedule's start…end (start…ds when it
 * has no end) when that range holds `ds` and is short enough to run, else the three days ending at `ds`.
 */
export function defaultBackfillRange(pipeline: Pick<Pipeline, 'schedule'>, ds: string): { from: string; to: string } {
  const s = pipeline.schedule;
  if (s) {
    const to = s.end ?? ds;
    const days = daysBetween(s.start, to);
    if (days > 0 && days <= MAX_BACKFILL_DAYS && s.start <= ds && ds <= to) return { from: s.start, to };
  }
  if (daysBetween(ds, ds) === 0) return { from: ds, to: ds };
  return { from: shiftDs(ds, -(DEFAULT_BACKFILL_DAYS - 1)), to: ds };
}

/** Backfill: choose a date range, one run per day, with progress and Cancel. */
export function BackfillDialog({ open, onClose, pipeline, sessionKey, ds }: { open: boolean; onClose: () => void; pipeline: Pipeline; sessionKey: string; ds: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => defaultBackfillRange(pipeline, ds).from);
  const [to, setTo] = useState(() => defaultBackfillRange(pipeline, ds).to);
  const [running, setRunning] = useState(false);
  // The dialog stays mounted while closed, so each opening starts again from the current date and
  // schedule (the learner may have picked another day since); adjusting state during render, as React advises.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      const range = defaultBackfillRange(pipeline, ds);
      setFrom(range.from);
      setTo(range.to);
    }
  }
  const days = daysBetween(from, to);
  const problem = days === 0 ? t('pipeline.backfillDialog.backwards') : days > MAX_BACKFILL_DAYS ? t('pipeline.backfillDialog.tooLong', { max: MAX_BACKFILL_DAYS }) : null;
  const start = async () => {
    setRunning(true);
    try {
      await backfillAction(sessionKey, pipeline, from, to);
    } finally {
      setRunning(false);
      onClose();
    }
  };
  return (
    <Dialog open={open} onOpenChange={(o) => !o && !running && onClose()} title={t('pipeline.backfillDialog.title')} description={t('pipeline.backfillDialog.body', { dsTag: '{{ ds }}' })} testId="pl-backfill-dialog">
      <div className="pl-row">
        <div className="field">
          <label htmlFor="pl-bf-from">{t('pipeline.backfillDialog.from')}</label>
          <input id="pl-bf-from" type="date" className="input" value={from} onChange={(e) => setFrom(e.target.value)} disabled={running} data-testid="pl-bf-from" />
        </div>
        <div className="field">
          <label htmlFor="pl-bf-to">{t('pipeline.backfillDialog.to')}</label>
          <input id="pl-bf-to" type="date" className="input" value={to} onChange={(e) => setTo(e.target.value)} disabled={running} data-testid="pl-bf-to" />
        </div>
      </div>
      {problem ? (
        <p className="pl-field-error" role="alert">
          {problem}
        </p>
      ) : (
        <p className="small">{t('pipeline.backfillDialog.days', { count: days })}</p>
      )}
      <BackfillProgress sessionKey={sessionKey} running={running} />
      <div className="dialog-actions">
        {running ? (
          <button className="btn danger" onClick={cancelAction} data-testid="pl-bf-cancel">
            <Square aria-hidden /> {t('pipeline.cancel')}
          </button>
        ) : (
          <>
            <button className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button className="btn primary" onClick={() => void start()} disabled={!!problem} data-testid="pl-bf-start">
              <CalendarRange aria-hidden /> {t('pipeline.backfillDialog.start', { count: days })}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}

function BackfillProgress({ sessionKey, running }: { sessionKey: string; running: boolean }) {
  // RunProgress follows the session's progress itself, so the bar moves with each day.
  return running ? <RunProgress sessionKey={sessionKey} /> : null;
}

/**
 * Why an idempotency check compared nothing, worded like the task log (the line and SQLite's own
 * message) and naming the run that failed; null when both runs succeeded.
 */
export function idempotencyFailure(t: TFunction, report: Pick<IdempotencyReport, 'task' | 'first' | 'second'>): string | null {
  const failed = report.first.state !== 'success' ? { run: report.first, key: 'firstFailed' as const } : report.second && report.second.state !== 'success' ? { run: report.second, key: 'secondFailed' as const } : null;
  if (!failed) return null;
  const message = failed.run.error ? taskErrorLine(t, failed.run.error) : t('pipeline.idemDialog.noReason');
  return t(`pipeline.idemDialog.${failed.key}`, { task: failed.run.error?.task ?? report.task, message });
}

/** Idempotency check: run a task twice with the same date and show what the second run changed. */
export function IdempotencyDialog(props: {
  open: boolean;
  onClose: () => void;
  pipeline: Pipeline;
  sessionKey: string;
  ds: string;
  initialTask: string | null;
  session: PipelineSessionView;
}) {
  const { t } = useTranslation();
  const sqlTasks = props.pipeline.tasks;
  const [task, setTask] = useState<string>(props.initialTask ?? sqlTasks.at(-1)?.id ?? '');
  const chosen = sqlTasks.some((x) => x.id === task) ? task : (sqlTasks.at(-1)?.id ?? '');
  const result = props.session.idempotency?.task === chosen ? props.session.idempotency : null;
  const busy = props.session.busy === 'idempotency';
  // A failed run leaves nothing to compare: its error, not a verdict of "not idempotent".
  const failure = result ? idempotencyFailure(t, result) : null;
  return (
    <Dialog open={props.open} onOpenChange={(o) => !o && !busy && props.onClose()} title={t('pipeline.idemDialog.title')} description={t('pipeline.idemDialog.body', { date: props.ds })} className="pl-wide-dialog" testId="pl-idem-dialog">
      <div className="pl-row">
        <div className="field">
          <span className="label">{t('pipeline.idemDialog.task')}</span>
          <Select label={t('pipeline.idemDialog.task')} value={chosen} options={sqlTasks.map((x) => ({ value: x.id, label: x.id }))} onChange={setTask} testId="pl-idem-task" minWidth={200} />
        </div>
        <button className="btn primary" onClick={() => void idempotencyAction(props.sessionKey, props.pipeline, chosen, props.ds)} disabled={!chosen || props.session.busy !== null} data-testid="pl-idem-run">
          <Copy aria-hidden /> {t('pipeline.idemDialog.run')}
        </button>
      </div>
      {busy ? <p role="status">{t('pipeline.busy.idempotency')}</p> : null}
      {failure ? (
        <p className="pl-error" role="alert" data-testid="pl-idem-failed">
          {failure}
        </p>
      ) : null}
      {result && !failure ? (
        <div className="pl-idem-result" data-testid="pl-idem-result">
          <p className={result.idempotent ? 'pl-ok' : 'pl-error'} role="status">
            {result.idempotent ? t('pipeline.idemDialog.same') : t('pipeline.idemDialog.different')}
          </p>
          {result.tables.map((tb) => (
            <section key={tb.table} className="pl-idem-table">
              <h3 className="mono">{tb.table}</h3>
              <p className="small">{t('pipeline.idemDialog.rows', { first: tb.rowsFirst, second: tb.rowsSecond })}</p>
              {tb.schemaChanged ? <p className="small pl-field-error">{t('pipeline.idemDialog.schemaChanged')}</p> : null}
              {tb.added > 0 ? (
                <>
                  <p className="small">{t('pipeline.idemDialog.added', { count: tb.added })}</p>
                  <div className="pl-idem-grid">
                    <ResultGrid columns={tb.columns.map((name) => ({ name, declType: null }))} rows={tb.addedSample} onCopied={() => undefined} />
                  </div>
                </>
              ) : null}
              {tb.removed > 0 ? (
                <>
                  <p className="small">{t('pipeline.idemDialog.removed', { count: tb.removed })}</p>
                  <div className="pl-idem-grid">
                    <ResultGrid columns={tb.columns.map((name) => ({ name, declType: null }))} rows={tb.removedSample} onCopied={() => undefined} />
                  </div>
                </>
              ) : null}
            </section>
          ))}
          {!result.idempotent ? <p className="muted small">{t('pipeline.idemDialog.teach', { dsTag: '{{ ds }}' })}</p> : null}
        </div>
      ) : null}
      <div className="dialog-actions">
        <button className="btn" onClick={props.onClose} disabled={busy}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
