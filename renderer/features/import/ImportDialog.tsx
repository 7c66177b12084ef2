import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLUMN_TYPES, declaredType, DELIMITERS, ENCODINGS } from '../../../core/sql/csv-sniff.ts';
import type { Cell, ColumnInfo, ImportColumnType, ImportDelimiter, ImportEncoding } from '../../../core/sql/protocol.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Select } from '../../ui/Select.tsx';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import { useStore } from '../../state/store.ts';
import { formatBytes } from '../sandbox/format-bytes.ts';
import { useImportStore } from './import-store.ts';
import { cancelImport, chosenTypes, closeImport, fileInfo, previewOf, runImport, tableNameProblem } from './import-flow.ts';

const DELIMITER_KEYS: Record<ImportDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** A preview cell as the grid shows it: numbers right-aligned as numbers, the rest as text. */
function cellOf(value: string | null, type: ImportColumnType): Cell {
  if (value === null) return null;
  if ((type === 'INTEGER' || type === 'REAL') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}

/** The import dialog: how the file will be read (table name, delimiter, encoding, header, column types), its preview, progress and Cancel. */
export function ImportDialog() {
  const { t, i18n } = useTranslation();
  const draft = useImportStore((s) => s.draft);
  const phase = useImportStore((s) => s.phase);
  const progress = useImportStore((s) => s.progress);
  const error = useImportStore((s) => s.error);
  const result = useImportStore((s) => s.result);
  const { changed, typeChosen } = useImportStore.getState();
  // The schema decides whether the name is free; re-read when it changes.
  useStore((s) => s.schema);
  const notify = useStore((s) => s.notify);
  const [touched, setTouched] = useState(false);
  const preview = useMemo(() => (draft ? previewOf(draft) : null), [draft]);
  if (!draft || !preview) return null;
  const types = chosenTypes(draft, preview.types);
  const nameProblem = tableNameProblem(draft.table);
  const importing = phase === 'importing';
  const csv = draft.format === 'csv';
  // The grid's header shows the type SQLite will declare (date-like text is TEXT there).
  const columns: ColumnInfo[] = preview.columns.map((name, i) => ({ name, declType: declaredType(types[i] ?? 'TEXT') }));
  const rows = preview.rows.map((r) => r.map((v, i) => cellOf(v, types[i] ?? 'TEXT')));
  const size = (n: number) => formatBytes(n, i18n.language);
  const skipped = csv ? preview.problems : preview.badLines.map((line) => ({ line, expected: 0, found: 0 }));
  return (
    <Dialog
      open={phase !== 'closed'}
      onOpenChange={(open) => {
        if (!open) closeImport();
      }}
      title={t('import.title', { name: draft.name })}
      description={fileInfo(draft)}
      className="imp-dialog"
      testId="data-import-dialog"
    >
      {phase === 'done' && result ? (
        <div className="imp-done" data-testid="import-done">
          <p role="status">
            {t('import.doneSkipped', {
              rows: result.rows.toLocaleString(i18n.language),
              table: draft.table.trim(),
              count: result.problemCount,
            })}
          </p>
          <ul className="imp-problems" data-testid="import-problems">
            {result.problems.slice(0, 20).map((p) => (
              <li key={`${p.line}-${p.code}`}>
                {t('import.problemLine', {
                  line: p.line.toLocaleString(i18n.language),
                  reason: t(`import.problems.${p.code}`, 'expected' in p ? { expected: p.expected, found: p.found } : {}),
                })}
              </li>
            ))}
            {result.problemCount > 20 ? <li>{t('import.problemMore', { count: result.problemCount - 20 })}</li> : null}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="btn primary" onClick={closeImport} data-testid="import-close" autoFocus>
              {t('import.close')}
            </button>
          </div>
        </div>
      ) : (
        <form
          className="imp-form"
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            void runImport();
          }}
        >
          <fieldset className="imp-settings" disabled={importing}>
            <div className="field imp-name">
              <label htmlFor="import-table">{t('import.table')}</label>
              <input
                id="import-table"
                className="input"
                value={draft.table}
                onChange={(e) => {
                  setTouched(true);
                  changed({ table: e.target.value });
                }}
                aria-invalid={!!nameProblem}
                aria-describedby={nameProblem ? 'import-table-problem' : undefined}
                autoFocus
                spellCheck={false}
                data-testid="import-table"
              />
              {nameProblem && (touched || draft.table.trim() !== '') ? (
                <span id="import-table-problem" className="imp-field-problem" role="alert" data-testid="import-table-problem">
                  {nameProblem}
                </span>
              ) : null}
            </div>
            {csv ? (
              <div className="field">
                <span className="label" id="import-delimiter-label">
                  {t('import.delimiter')}
                </span>
                <Select
                  label={t('import.delimiter')}
                  testId="import-delimiter"
                  value={draft.delimiter}
                  minWidth={170}
                  options={DELIMITERS.map((d) => ({ value: d, label: t(`import.delimiters.${DELIMITER_KEYS[d]}`) }))}
                  onChange={(v) => changed({ delimiter: v as ImportDelimiter })}
                />
              </div>
            ) : null}
            <div className="field">
              <span className="label">{t('import.encoding')}</span>
              <Select
                label={t('import.encoding')}
                testId="import-encoding"
                value={draft.encoding}
                minWidth={190}
                options={ENCODINGS.map((e) => ({ value: e, label: t(`import.encodings.${e}`) }))}
                onChange={(v) => changed({ encoding: v as ImportEncoding })}
              />
            </div>
            {csv ? (
              <label className="imp-check">
                <input
                  type="checkbox"
                  checked={draft.header}
                  onChange={(e) => changed({ header: e.target.checked })}
                  data-testid="import-header"
                />
                {t('import.header')}
              </label>
            ) : null}
          </fieldset>
          {preview.columns.length > 0 ? (
            <fieldset className="imp-types" disabled={importing || !csv} data-testid="import-types">
              <legend>{t('import.types')}</legend>
              {!csv ? <p className="imp-note">{t('import.typesJsonl')}</p> : null}
              <div className="imp-type-list">
                {preview.columns.map((name, i) => (
                  <div className="imp-type" key={`${i}-${name}`}>
                    <span className="imp-type-name" title={name}>
                      {name}
                    </span>
                    <Select
                      label={t('import.typeOf', { name })}
                      testId={`import-type-${i}`}
                      value={types[i] ?? 'TEXT'}
                      options={COLUMN_TYPES.map((type) => ({
                        value: type,
                        label:
                          type === preview.types[i]
                            ? `${t(`import.typeNames.${type}`)} (${t('import.detected')})`
                            : t(`import.typeNames.${type}`),
                      }))}
                      onChange={(v) => typeChosen(i, v as ImportColumnType)}
                    />
                  </div>
                ))}
              </div>
            </fieldset>
          ) : null}
          <section className="imp-preview" aria-label={t('import.preview')} data-testid="import-preview">
            <h3>{t('import.preview')}</h3>
            {rows.length > 0 || columns.length > 0 ? (
              <div className="imp-grid">
                <ResultGrid columns={columns} rows={rows} onCopied={() => notify('success', t('results.copied'))} />
              </div>
            ) : (
              <p className="imp-note">{t('import.previewEmpty')}</p>
            )}
            {skipped.length > 0 ? (
              <ul className="imp-skipped" data-testid="import-skipped">
                {skipped.slice(0, 3).map((p) => (
                  <li key={p.line}>
                    {csv
                      ? t('import.skippedLine', { line: p.line, expected: p.expected, found: p.found })
                      : t('import.badJsonLine', { line: p.line })}
                  </li>
                ))}
                {skipped.length > 3 ? <li>{t('import.skippedMore', { count: skipped.length - 3 })}</li> : null}
              </ul>
            ) : null}
          </section>
          {importing && progress ? (
            <div className="imp-progress" data-testid="import-progress">
              <progress max={progress.total || 1} value={progress.done} aria-label={t('import.progressLabel')} />
              <span role="status">
                {t('import.progress', {
                  done: size(progress.done),
                  total: size(progress.total),
                  rows: progress.rows.toLocaleString(i18n.language),
                })}
              </span>
            </div>
          ) : null}
          {error ? (
            <p className="imp-error" role="alert" data-testid="import-error">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            {importing ? (
              <button type="button" className="btn danger" onClick={() => void cancelImport()} data-testid="import-cancel">
                {t('import.cancel')}
              </button>
            ) : (
              <button type="button" className="btn" onClick={closeImport}>
                {t('import.close')}
              </button>
            )}
            <button type="submit" className="btn primary" disabled={importing || !!nameProblem} data-testid="import-start">
              {importing ? t('import.importing') : t('import.start')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
