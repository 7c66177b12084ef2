import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Plus, Trash2 } from 'lucide-react';
import { ReconcileSchema, type Pipeline, type ReconcileSpec } from '../../../core/pipeline/schema.ts';
import { Dialog } from '../../ui/Dialog.tsx';

interface Draft {
  title: string;
  source: string;
  sourceWhere: string;
  target: string;
  targetWhere: string;
  sumSource: string;
  sumTarget: string;
  key: string;
  partition: string;
}

const EMPTY: Draft = { title: '', source: '', sourceWhere: '', target: '', targetWhere: '', sumSource: '', sumTarget: '', key: '', partition: '' };

/** The spec a draft describes, or the first problem with it (checked by the pipeline's own schema). */
function specOf(d: Draft, id: string): { ok: true; spec: ReconcileSpec } | { ok: false; message: string } {
  const raw = {
    id,
    title: d.title.trim(),
    source: { table: d.source.trim(), ...(d.sourceWhere.trim() ? { where: d.sourceWhere.trim() } : {}) },
    target: { table: d.target.trim(), ...(d.targetWhere.trim() ? { where: d.targetWhere.trim() } : {}) },
    ...(d.sumSource.trim() || d.sumTarget.trim() ? { sum: { source: d.sumSource.trim(), target: d.sumTarget.trim() } } : {}),
    ...(d.key.trim() ? { key: d.key.trim() } : {}),
    ...(d.partition.trim() ? { partition: { source: d.partition.trim(), value: '{{ ds }}' } } : {}),
  };
  const parsed = ReconcileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.path.join('.') ?? '' };
}

/**
 * The pipeline's reconciliations: each compares a staging table with the table it was loaded
 * into, for the logical date. Listed with a remove button; "Add a reconciliation" opens a form
 * whose fields say what each part of the check means.
 */
export function ReconcileSpecs({ pipeline, onChange, disabled }: { pipeline: Pipeline; onChange: (p: Pipeline) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const field = (name: keyof Draft, label: string, hint?: string, placeholder?: string) => (
    <div className="field">
      <label htmlFor={`pl-rc-${name}`}>{label}</label>
      <input
        id={`pl-rc-${name}`}
        className={`input${name === 'title' ? '' : ' mono'}`}
        value={draft[name]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        data-testid={`pl-rc-${name}`}
      />
      {hint ? <p className="muted small">{hint}</p> : null}
    </div>
  );
  const save = () => {
    const taken = new Set(pipeline.reconcile.map((r) => r.id));
    let id = 'check_1';
    for (let i = 2; taken.has(id); i++) id = `check_${i}`;
    const result = specOf(draft, id);
    if (!result.ok) {
      setProblem(t('pipeline.reconcileForm.incomplete', { field: result.message }));
      return;
    }
    onChange({ ...pipeline, reconcile: [...pipeline.reconcile, result.spec] });
    setDraft(EMPTY);
    setProblem(null);
    setOpen(false);
  };
  return (
    <div className="pl-reconcile-specs">
      {pipeline.reconcile.map((r) => (
        <div key={r.id} className="pl-spec" data-testid={`pl-rc-spec-${r.id}`}>
          <span>
            <strong>{r.title || r.id}</strong>{' '}
            <span className="muted small mono">
              {r.source.table} → {r.target.table}
            </span>
          </span>
          <button
            className="btn ghost icon small"
            aria-label={t('pipeline.reconcileForm.remove', { name: r.title || r.id })}
            onClick={() => onChange({ ...pipeline, reconcile: pipeline.reconcile.filter((x) => x.id !== r.id) })}
            disabled={disabled}
          >
            <Trash2 aria-hidden />
          </button>
        </div>
      ))}
      <button className="btn small" onClick={() => setOpen(true)} disabled={disabled} data-testid="pl-rc-add">
        <Plus aria-hidden /> {t('pipeline.reconcileForm.add')}
      </button>
      <Dialog open={open} onOpenChange={setOpen} title={t('pipeline.reconcileForm.title')} description={t('pipeline.reconcileForm.body')} className="pl-wide-dialog" testId="pl-rc-dialog">
        {field('title', t('pipeline.reconcileForm.name'), undefined, t('pipeline.reconcileForm.namePlaceholder'))}
        <div className="pl-row pl-row-2">
          {field('source', t('pipeline.reconcileForm.source'), t('pipeline.reconcileForm.sourceHint'), 'stg_spend')}
          {field('target', t('pipeline.reconcileForm.target'), undefined, 'marketing_spend')}
        </div>
        <div className="pl-row pl-row-2">
          {field('sourceWhere', t('pipeline.reconcileForm.sourceWhere'), undefined, '')}
          {field('targetWhere', t('pipeline.reconcileForm.targetWhere'), t('pipeline.reconcileForm.whereHint', { dsTag: '{{ ds }}' }), "spend_date = '{{ ds }}'")}
        </div>
        <div className="pl-row pl-row-2">
          {field('sumSource', t('pipeline.reconcileForm.sumSource'), t('pipeline.reconcileForm.sumHint'), 'CAST(replace("Cost (KRW)", \',\', \'\') AS INTEGER)')}
          {field('sumTarget', t('pipeline.reconcileForm.sumTarget'), undefined, 'spend_krw')}
        </div>
        <div className="pl-row pl-row-2">
          {field('key', t('pipeline.reconcileForm.key'), t('pipeline.reconcileForm.keyHint'), '"Date" || \'|\' || lower(trim("Channel"))')}
          {field('partition', t('pipeline.reconcileForm.partition'), t('pipeline.reconcileForm.partitionHint', { dsTag: '{{ ds }}' }), "replace(\"Date\", '.', '-')")}
        </div>
        {problem ? (
          <p className="pl-field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button className="btn" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
          <button className="btn primary" onClick={save} data-testid="pl-rc-save">
            {t('pipeline.reconcileForm.save')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
