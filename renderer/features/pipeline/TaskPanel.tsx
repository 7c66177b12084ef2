import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { Eye, Link2, Plus, Trash2, X } from 'lucide-react';
import type { ExtractTask, Pipeline, PipelineTask } from '../../../core/pipeline/schema.ts';
import { useStore } from '../../state/store.ts';
import { Select } from '../../ui/Select.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { connectTasks, deleteTask, disconnectTasks, renameTask, updateTask, upstreamOf } from './pipeline-edit.ts';
import { previewAction } from './pipeline-actions.ts';
import { usePipelineSession } from './pipeline-store.ts';
import { formatFor, lakeEntries } from './lake-files.ts';
import { ExtractPreviewView } from './ExtractPreviewView.tsx';
import { refusalText } from './refusal-text.ts';

const SqlTaskEditor = lazy(() => import('./SqlTaskEditor.tsx'));

/** A pattern for the lake's access logs (combined log format plus the response time), offered for a log file. */
export const ACCESS_LOG_PATTERN =
  '^(?<ip>\\S+) \\S+ \\S+ \\[(?<time>[^\\]]+)\\] "(?<method>\\S+) (?<path>\\S+) (?<protocol>[^"]+)" (?<status>\\d{3}) (?<bytes>\\d+|-) "(?<referrer>[^"]*)" "(?<agent>[^"]*)" (?<seconds>[\\d.]+)$';

/** The selected task: its name, what it does (an extract's file and format, or its SQL) and its dependencies. */
export function TaskPanel(props: {
  pipeline: Pipeline;
  task: PipelineTask;
  onChange: (p: Pipeline) => void;
  onRenamed: (id: string) => void;
  onDeleted: () => void;
  sessionKey: string;
  ds: string;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { pipeline, task, onChange } = props;
  const [name, setName] = useState(task.id);
  const [nameError, setNameError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [depError, setDepError] = useState<string | null>(null);
  const upstream = upstreamOf(pipeline, task.id);
  const candidates = pipeline.tasks.filter((x) => x.id !== task.id && !upstream.includes(x.id));

  const commitName = () => {
    const result = renameTask(pipeline, task.id, name.trim());
    if (result.ok) {
      setNameError(null);
      if (name.trim() !== task.id) {
        onChange(result.pipeline);
        props.onRenamed(name.trim());
      }
    } else setNameError(refusalText(t, result));
  };

  const addUpstream = (from: string) => {
    const result = connectTasks(pipeline, { from, to: task.id });
    if (result.ok) {
      setDepError(null);
      onChange(result.pipeline);
    } else setDepError(refusalText(t, result));
  };

  return (
    <div className="pl-task" data-testid="pl-task-panel">
      <div className="pl-task-head">
        <div className="field grow">
          <label htmlFor="pl-task-name">{t('pipeline.task.name')}</label>
          <input
            id="pl-task-name"
            className="input mono"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={commitName}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitName();
              if (e.key === 'Escape') {
                setName(task.id);
                setNameError(null);
              }
            }}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'pl-task-name-error' : undefined}
            disabled={props.disabled}
            data-testid="pl-task-name"
          />
          {nameError ? (
            <p id="pl-task-name-error" className="pl-field-error" role="alert">
              {nameError}
            </p>
          ) : null}
        </div>
        <span className={`pl-kind kind-${task.kind}`}>{task.kind === 'extract' ? t('pipeline.kind.extractLong') : t('pipeline.kind.sqlLong')}</span>
        <button className="btn ghost small" onClick={() => setConfirmDelete(true)} disabled={props.disabled} data-testid="pl-delete-task">
          <Trash2 aria-hidden /> {t('pipeline.task.delete')}
        </button>
      </div>

      <div className="pl-deps">
        <span className="label">{t('pipeline.task.after')}</span>
        {upstream.length === 0 ? <span className="muted small">{t('pipeline.task.noUpstream')}</span> : null}
        {upstream.map((from) => (
          <span key={from} className="pl-chip">
            <Link2 size={12} aria-hidden /> {from}
            <button
              className="pl-chip-x"
              onClick={() => onChange(disconnectTasks(pipeline, { from, to: task.id }))}
              aria-label={t('pipeline.task.removeDep', { from, to: task.id })}
              disabled={props.disabled}
            >
              <X size={12} aria-hidden />
            </button>
          </span>
        ))}
        {candidates.length > 0 ? (
          <Menu.Root>
            <Menu.Trigger asChild>
              <button className="btn small" disabled={props.disabled} data-testid="pl-add-dep" aria-label={t('pipeline.task.addDepLong')}>
                <Plus aria-hidden /> {t('pipeline.task.addDep')}
              </button>
            </Menu.Trigger>
            <Menu.Portal>
              <Menu.Content className="menu-content" align="start" sideOffset={4}>
                {candidates.map((c) => (
                  <Menu.Item key={c.id} className="menu-item mono" onSelect={() => addUpstream(c.id)} data-testid={`pl-add-dep-${c.id}`}>
                    {c.id}
                  </Menu.Item>
                ))}
              </Menu.Content>
            </Menu.Portal>
          </Menu.Root>
        ) : null}
      </div>
      {depError ? (
        <p className="pl-field-error" role="alert" data-testid="pl-dep-error">
          {depError}
        </p>
      ) : null}

      {task.kind === 'extract' ? (
        <ExtractForm {...props} task={task} />
      ) : (
        <div className="pl-sql">
          <span className="label" id="pl-sql-label">
            {t('pipeline.task.sql')}
          </span>
          <p className="muted small">{t('pipeline.task.sqlHint', { dsTag: '{{ ds }}' })}</p>
          <div className="pl-sql-editor" data-testid="pl-sql-editor">
            <Suspense fallback={<p className="muted small">{t('common.loading')}</p>}>
              <SqlTaskEditor
                path={`pipeline/${props.sessionKey}/${task.id}.sql`}
                value={task.sql}
                onChange={(sql) => onChange(updateTask(pipeline, { ...task, sql }))}
                label={t('pipeline.task.sqlLabel', { task: task.id })}
                readOnly={props.disabled}
              />
            </Suspense>
          </div>
        </div>
      )}

      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete} title={t('pipeline.task.deleteTitle', { task: task.id })} description={t('pipeline.task.deleteBody')}>
        <div className="dialog-actions">
          <button className="btn" onClick={() => setConfirmDelete(false)}>
            {t('common.cancel')}
          </button>
          <button
            className="btn danger"
            data-testid="pl-delete-confirm"
            onClick={() => {
              setConfirmDelete(false);
              onChange(deleteTask(pipeline, task.id));
              props.onDeleted();
            }}
          >
            {t('pipeline.task.delete')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

/** An extract task's settings: which lake file (or glob), how to read it, where to load it; and its preview. */
function ExtractForm(props: { pipeline: Pipeline; task: ExtractTask; onChange: (p: Pipeline) => void; sessionKey: string; ds: string; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const { pipeline, task } = props;
  const catalog = useStore((s) => s.catalog);
  const entries = useMemo(() => lakeEntries(catalog, pipeline.lake), [catalog, pipeline.lake]);
  const session = usePipelineSession(props.sessionKey);
  const known = entries.some((e) => e.path === task.path);
  const [useGlob, setUseGlob] = useState(!known && entries.length > 0);
  const set = (next: ExtractTask) => props.onChange(updateTask(pipeline, next));
  const preview = session.preview?.task === task.id ? session.preview : null;
  const previewing = session.busy === 'preview';
  // The preview sits under the whole form, often below the fold (a lesson step's narrow inspector):
  // the learner who asked for it is shown the reading status, then the result, where they are looking.
  const previewArea = useRef<HTMLDivElement>(null);
  const previewAsked = useRef(false);
  useEffect(() => {
    if (!previewAsked.current || (!previewing && !preview)) return;
    if (preview) previewAsked.current = false;
    const frame = requestAnimationFrame(() => previewArea.current?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [previewing, preview]);

  const pickFile = (path: string) => {
    const entry = entries.find((e) => e.path === path);
    const format = formatFor(entry);
    // The format follows the file, unless the learner already chose this one.
    const source =
      format === task.source.format
        ? task.source
        : format === 'csv'
          ? ({ format: 'csv', delimiter: 'auto', encoding: 'auto' } as const)
          : format === 'jsonl'
            ? ({ format: 'jsonl' } as const)
            : ({ format: 'regex', pattern: ACCESS_LOG_PATTERN } as const);
    set({ ...task, path, source });
  };

  return (
    <div className="pl-extract">
      <fieldset className="pl-fieldset">
        <legend>{t('pipeline.extract.source')}</legend>
        <div className="pl-radio" role="radiogroup" aria-label={t('pipeline.extract.pathKind')}>
          <label>
            <input type="radio" name={`pl-path-kind-${task.id}`} checked={!useGlob} onChange={() => setUseGlob(false)} disabled={props.disabled} />
            {t('pipeline.extract.oneFile')}
          </label>
          <label>
            <input type="radio" name={`pl-path-kind-${task.id}`} checked={useGlob} onChange={() => setUseGlob(true)} disabled={props.disabled} data-testid="pl-use-glob" />
            {t('pipeline.extract.glob')}
          </label>
        </div>
        {useGlob ? (
          <div className="field">
            <label htmlFor="pl-extract-path">{t('pipeline.extract.pattern')}</label>
            <input
              id="pl-extract-path"
              className="input mono"
              value={task.path}
              onChange={(e) => e.target.value.trim() && set({ ...task, path: e.target.value })}
              placeholder="events/2025-*.jsonl.gz"
              disabled={props.disabled}
              data-testid="pl-extract-path"
            />
            <p className="muted small">{t('pipeline.extract.globHint', { dsTag: '{{ ds }}' })}</p>
          </div>
        ) : (
          <div className="field">
            <span className="label">{t('pipeline.extract.file')}</span>
            <Select
              label={t('pipeline.extract.file')}
              value={known ? task.path : ''}
              options={entries.map((e) => ({ value: e.path, label: e.file.name, group: e.folder }))}
              onChange={pickFile}
              testId="pl-extract-file"
              minWidth={260}
            />
            {known ? <p className="muted small">{entries.find((e) => e.path === task.path)?.file.description[lang]}</p> : null}
          </div>
        )}
      </fieldset>

      <fieldset className="pl-fieldset">
        <legend>{t('pipeline.extract.format')}</legend>
        <div className="pl-row">
          <div className="field">
            <span className="label">{t('pipeline.extract.formatLabel')}</span>
            <Select
              label={t('pipeline.extract.formatLabel')}
              value={task.source.format}
              options={[
                { value: 'csv', label: t('pipeline.extract.csv') },
                { value: 'jsonl', label: t('pipeline.extract.jsonl') },
                { value: 'regex', label: t('pipeline.extract.regex') },
              ]}
              onChange={(f) =>
                set({
                  ...task,
                  source:
                    f === 'csv'
                      ? { format: 'csv', delimiter: 'auto', encoding: 'auto' }
                      : f === 'jsonl'
                        ? { format: 'jsonl' }
                        : { format: 'regex', pattern: ACCESS_LOG_PATTERN },
                })
              }
              testId="pl-extract-format"
            />
          </div>
          {task.source.format === 'csv' ? (
            <>
              <div className="field">
                <span className="label">{t('pipeline.extract.delimiter')}</span>
                <Select
                  label={t('pipeline.extract.delimiter')}
                  value={task.source.delimiter}
                  options={[
                    { value: 'auto', label: t('pipeline.extract.auto') },
                    { value: ',', label: t('pipeline.extract.comma') },
                    { value: ';', label: t('pipeline.extract.semicolon') },
                    { value: '\t', label: t('pipeline.extract.tab') },
                  ]}
                  onChange={(d) => task.source.format === 'csv' && set({ ...task, source: { ...task.source, delimiter: d as ',' } })}
                  minWidth={120}
                />
              </div>
              <div className="field">
                <span className="label">{t('pipeline.extract.encoding')}</span>
                <Select
                  label={t('pipeline.extract.encoding')}
                  value={task.source.encoding}
                  options={[
                    { value: 'auto', label: t('pipeline.extract.encodingAuto') },
                    { value: 'utf-8', label: 'UTF-8' },
                    { value: 'euc-kr', label: 'EUC-KR' },
                  ]}
                  onChange={(v) => task.source.format === 'csv' && set({ ...task, source: { ...task.source, encoding: v as 'auto' } })}
                  minWidth={140}
                />
              </div>
            </>
          ) : null}
        </div>
        {task.source.format === 'regex' ? (
          <div className="field">
            <label htmlFor="pl-extract-pattern">{t('pipeline.extract.regexPattern')}</label>
            <textarea
              id="pl-extract-pattern"
              className="input mono pl-pattern"
              value={task.source.pattern}
              onChange={(e) => e.target.value && set({ ...task, source: { format: 'regex', pattern: e.target.value } })}
              rows={3}
              disabled={props.disabled}
            />
            <p className="muted small">{t('pipeline.extract.regexHint')}</p>
          </div>
        ) : null}
      </fieldset>

      <fieldset className="pl-fieldset">
        <legend>{t('pipeline.extract.target')}</legend>
        <div className="pl-row">
          <div className="field">
            <label htmlFor="pl-extract-target">{t('pipeline.extract.table')}</label>
            <input
              id="pl-extract-target"
              className="input mono"
              defaultValue={task.target}
              onBlur={(e) => {
                const v = e.target.value.trim();
                if (/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(v)) set({ ...task, target: v });
                else e.target.value = task.target;
              }}
              disabled={props.disabled}
              data-testid="pl-extract-target"
            />
          </div>
          <div className="field">
            <span className="label">{t('pipeline.extract.mode')}</span>
            <Select
              label={t('pipeline.extract.mode')}
              value={task.mode}
              options={[
                { value: 'replace', label: t('pipeline.extract.replace') },
                { value: 'append', label: t('pipeline.extract.append') },
              ]}
              onChange={(m) => set({ ...task, mode: m as 'replace' })}
              minWidth={160}
            />
          </div>
        </div>
        <p className="muted small">{t('pipeline.extract.targetHint', { table: task.target })}</p>
      </fieldset>

      <div className="pl-preview-area" ref={previewArea}>
        <div className="pl-preview-bar">
          <button
            className="btn"
            onClick={() => {
              previewAsked.current = true;
              void previewAction(props.sessionKey, pipeline, task.id, props.ds);
            }}
            disabled={session.busy !== null}
            data-testid="pl-preview"
          >
            <Eye aria-hidden /> {t('pipeline.extract.preview')}
          </button>
          <span className="muted small">{t('pipeline.extract.previewHint')}</span>
        </div>
        {previewing ? (
          <p className="muted small" role="status" data-testid="pl-previewing">
            {t('pipeline.extract.previewing')}
          </p>
        ) : null}
        {preview ? <ExtractPreviewView preview={preview} /> : null}
      </div>
    </div>
  );
}
