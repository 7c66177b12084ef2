import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TaskIdSchema, type Pipeline } from '../../../core/pipeline/schema.ts';
import { useStore } from '../../state/store.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Select } from '../../ui/Select.tsx';

/** The pipeline's id (its Airflow DAG id), title and the database it loads into. */
export function PipelineSettingsDialog(props: { open: boolean; onClose: () => void; pipeline: Pipeline; taken: (id: string) => boolean; onSave: (p: Pipeline) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const catalog = useStore((s) => s.catalog);
  const [id, setId] = useState(props.pipeline.id);
  const [title, setTitle] = useState(props.pipeline.title);
  const [database, setDatabase] = useState(props.pipeline.database);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!props.open) return;
    setId(props.pipeline.id);
    setTitle(props.pipeline.title);
    setDatabase(props.pipeline.database);
    setProblem(null);
  }, [props.open, props.pipeline]);
  const databases = (catalog?.databases ?? []).filter((d) => d.layer === 'warehouse' || d.id === props.pipeline.database);
  const save = () => {
    const next = id.trim();
    if (!TaskIdSchema.safeParse(next).success) return setProblem(t('pipeline.refused.badId', { id: next }));
    if (next !== props.pipeline.id && props.taken(next)) return setProblem(t('pipeline.settingsTaken', { id: next }));
    props.onSave({ ...props.pipeline, id: next, title: title.trim(), database });
    props.onClose();
  };
  return (
    <Dialog open={props.open} onOpenChange={(o) => !o && props.onClose()} title={t('pipeline.settingsTitle')} description={t('pipeline.settingsBody')} testId="pl-settings-dialog">
      <div className="field">
        <label htmlFor="pl-settings-id">{t('pipeline.settingsId')}</label>
        <input id="pl-settings-id" className="input mono" value={id} onChange={(e) => setId(e.target.value)} data-testid="pl-settings-id" />
      </div>
      <div className="field">
        <label htmlFor="pl-settings-title">{t('pipeline.settingsTitleField')}</label>
        <input id="pl-settings-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <span className="label">{t('pipeline.settingsDatabase')}</span>
        <Select
          label={t('pipeline.settingsDatabase')}
          value={database}
          options={databases.map((d) => ({ value: d.id, label: d.title[lang] }))}
          onChange={setDatabase}
          minWidth={260}
        />
      </div>
      {problem ? (
        <p className="pl-field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button className="btn" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button className="btn primary" onClick={save} data-testid="pl-settings-save">
          {t('pipeline.settingsSave')}
        </button>
      </div>
    </Dialog>
  );
}
