import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileJson, FileSpreadsheet, FileText, FolderOpen } from 'lucide-react';
import type { CatalogLakeFile, CatalogLakeFolder } from '../../../core/datasets/catalog.ts';
import { useStore } from '../../state/store.ts';
import { LakeFileDialog } from './LakeFileDialog.tsx';
import { formatBytes } from './format-bytes.ts';

const ICONS = { jsonl: FileJson, csv: FileSpreadsheet, log: FileText } as const;

/** The data lake folders of the open database's company: raw files to open and read. */
export function LakeSection({ group, size }: { group: string; size: 'small' | 'large' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const catalog = useStore((s) => s.catalog);
  const [open, setOpen] = useState<{ folder: CatalogLakeFolder; file: CatalogLakeFile } | null>(null);
  const folders = (catalog?.lake ?? []).filter((f) => f.group === group && f.size === size);
  if (folders.length === 0) return null;
  return (
    <section className="schema-group lake" aria-label={t('lake.title')} data-testid="lake-section">
      <h3>{t('lake.title')}</h3>
      <p className="muted small lake-intro">{t('lake.intro')}</p>
      {folders.map((folder) => (
        <details key={folder.id} className="schema-table" data-testid={`lake-${folder.id}`}>
          <summary>
            <FolderOpen size={14} aria-hidden className="schema-icon lake-icon" />
            <span className="schema-name">{folder.title[lang]}</span>
            <span className="schema-count">{folder.files.length}</span>
          </summary>
          <p className="schema-desc">
            {folder.description[lang]}
            {catalog?.teams[folder.owner] ? (
              <span className="owner-tag">{t('lake.owner', { team: catalog.teams[folder.owner]![lang] })}</span>
            ) : null}
          </p>
          <ul className="schema-columns">
            {folder.files.map((file) => {
              const Icon = ICONS[file.format];
              return (
                <li key={file.name}>
                  <button
                    className="schema-column"
                    onClick={() => setOpen({ folder, file })}
                    aria-label={t('lake.open', { name: file.name })}
                  >
                    <span className="col-name">
                      <Icon size={12} aria-hidden /> {file.name}
                    </span>
                    <span className="col-type">{formatBytes(file.sizeBytes, i18n.language)}</span>
                    <span className="col-desc">{file.description[lang]}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      ))}
      <LakeFileDialog target={open} onClose={() => setOpen(null)} />
    </section>
  );
}
