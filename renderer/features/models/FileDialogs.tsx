import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { NEW_FILE_KINDS, newFilePath, pathProblem, type NewFileKind } from './project-files.ts';

/** Which file dialog is open. */
export type FileDialogState = { kind: 'new'; fileKind: NewFileKind } | { kind: 'rename'; path: string } | { kind: 'delete'; path: string } | null;

/** The new-file, rename and delete dialogs of the file browser. */
export function FileDialogs(props: {
  state: FileDialogState;
  project: ModelProjectFiles;
  onClose: () => void;
  onCreate: (kind: NewFileKind, path: string) => void;
  onRename: (from: string, to: string) => void;
  onDelete: (path: string) => void;
}) {
  const { t } = useTranslation();
  const { state } = props;
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    setTouched(false);
    if (state?.kind === 'new') setValue('');
    else if (state?.kind === 'rename') setValue(state.path);
  }, [state]);

  const target = state?.kind === 'new' ? newFilePath(state.fileKind, value) : value.trim();
  const problem = state?.kind === 'delete' || !state ? null : pathProblem(props.project, target, state.kind === 'rename' ? state.path : undefined);
  const shownProblem = touched || value !== '' ? problem : null;
  const fileName = state && state.kind !== 'new' ? (state.path.split('/').at(-1) ?? state.path) : '';

  const submit = () => {
    setTouched(true);
    if (!state || problem) return;
    if (state.kind === 'new') props.onCreate(state.fileKind, target);
    else if (state.kind === 'rename') {
      if (target !== state.path) props.onRename(state.path, target);
      else props.onClose();
    }
  };

  if (state?.kind === 'delete') {
    return (
      <Dialog open onOpenChange={(o) => !o && props.onClose()} title={t('models.files.deleteTitle', { name: fileName })} testId="models-delete-dialog">
        <p>{t('models.files.deleteBody')}</p>
        <div className="dialog-actions">
          <button className="btn" onClick={props.onClose}>
            {t('models.files.cancel')}
          </button>
          <button className="btn danger" onClick={() => props.onDelete(state.path)} data-testid="models-delete-confirm">
            {t('models.files.deleteConfirm')}
          </button>
        </div>
      </Dialog>
    );
  }

  const open = state !== null;
  const title =
    state?.kind === 'new'
      ? t('models.files.newTitle', { kind: t(`models.files.kinds.${state.fileKind}`) })
      : t('models.files.renameTitle', { name: fileName });
  const body = state?.kind === 'new' ? t('models.files.newBody', { folder: `${NEW_FILE_KINDS[state.fileKind].folder}/` }) : t('models.files.renameBody');

  return (
    <Dialog open={open} onOpenChange={(o) => !o && props.onClose()} title={title} testId="models-file-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p>{body}</p>
        <label className="field">
          <span className="label">{state?.kind === 'rename' ? t('models.files.path') : t('models.files.name')}</span>
          <input
            className="input"
            value={value}
            autoFocus
            spellCheck={false}
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby={shownProblem ? 'models-file-problem' : undefined}
            onChange={(e) => setValue(e.target.value)}
            data-testid="models-file-name"
          />
        </label>
        {state?.kind === 'new' && value.trim() ? <p className="muted small models-path-preview">{target}</p> : null}
        {shownProblem ? (
          <p className="models-field-error" id="models-file-problem" role="alert">
            {t(`models.files.invalid.${shownProblem}`)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            {t('models.files.cancel')}
          </button>
          <button type="submit" className="btn primary" data-testid="models-file-confirm">
            {state?.kind === 'rename' ? t('models.files.renameConfirm') : t('models.files.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
