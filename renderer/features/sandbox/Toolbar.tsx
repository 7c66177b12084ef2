import { useTranslation } from 'react-i18next';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { Play, ListVideo, Square, AlignLeft, Save, RotateCcw, Settings, MoreHorizontal, Download, ListTree, FolderOpen, FileInput, DatabaseBackup } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import { runCommand, shownKeys } from '../../commands/commands.ts';
import { Select } from '../../ui/Select.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { openDatabase } from './workbench.ts';
import { Brand } from '../shell/Brand.tsx';
import { OpenDbStatus } from '../open-db/OpenDbStatus.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';

/** The top bar: brand, database picker, run controls, and the menus. */
export function Toolbar() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const catalog = useStore((s) => s.catalog);
  const databaseId = useStore((s) => s.databaseId);
  const localDatabases = useStore((s) => s.localDatabases);
  const engine = useStore((s) => s.engine);
  const hasResult = useStore(
    (s) => !!s.run?.outcome && 'results' in s.run.outcome && s.run.outcome.results.some((r) => r.columns.length > 0),
  );
  const busy = engine === 'busy';
  const ready = engine === 'idle';
  return (
    <header className="topbar" role="toolbar" aria-label={t('app.sandbox')}>
      <Brand />
      <Select
        label={t('toolbar.database')}
        testId="database-select"
        value={databaseId ?? ''}
        minWidth={200}
        options={[
          ...(catalog?.databases ?? []).map((d) => ({ value: d.id, label: d.title[lang], group: t(`layers.${d.layer}`) })),
          ...localDatabases.map((d) => ({ value: d.id, label: d.name, group: t('openDb.group') })),
        ]}
        onChange={(id) => void openDatabase(id)}
      />
      <Tooltip text={t('openDb.command')} keys={shownKeys('open-database-file')}>
        <button className="btn ghost icon" onClick={() => runCommand('open-database-file')} aria-label={t('openDb.command')} data-testid="open-db-file">
          <FolderOpen aria-hidden />
        </button>
      </Tooltip>
      <Tooltip text={t('import.command')}>
        <button className="btn ghost icon" onClick={() => runCommand('import-data')} aria-label={t('import.command')} disabled={!databaseId} data-testid="import-data">
          <FileInput aria-hidden />
        </button>
      </Tooltip>
      <OpenDbStatus />
      <span className="toolbar-sep" />
      <div className="toolbar-group">
        {busy ? (
          <Tooltip text={t('commands.cancel')} keys="Esc">
            <button className="btn danger" onClick={() => runCommand('cancel')} data-testid="cancel">
              <Square aria-hidden /> {t('toolbar.cancel')}
            </button>
          </Tooltip>
        ) : (
          <Tooltip text={t('commands.run')} keys={shownKeys('run')}>
            <button className="btn primary" onClick={() => runCommand('run')} disabled={!ready} data-testid="run">
              <Play aria-hidden /> {t('toolbar.run')}
            </button>
          </Tooltip>
        )}
        <Tooltip text={t('commands.runAll')} keys={shownKeys('run-all')}>
          <button className="btn" onClick={() => runCommand('run-all')} disabled={!ready} data-testid="run-all">
            <ListVideo aria-hidden /> <span className="btn-label">{t('toolbar.runAll')}</span>
          </button>
        </Tooltip>
        <Tooltip text={t('commands.format')} keys={shownKeys('format')}>
          <button className="btn" onClick={() => runCommand('format')} data-testid="format">
            <AlignLeft aria-hidden /> <span className="btn-label">{t('toolbar.format')}</span>
          </button>
        </Tooltip>
        <Tooltip text={t('plan.command')}>
          <button className="btn" onClick={() => runCommand('explain')} disabled={!ready} data-testid="explain">
            <ListTree aria-hidden /> <span className="btn-label">{t('plan.button')}</span>
          </button>
        </Tooltip>
        <Tooltip text={t('commands.save')} keys={shownKeys('save')}>
          <button className="btn" onClick={() => runCommand('save')} disabled={!databaseId} data-testid="save-query">
            <Save aria-hidden /> <span className="btn-label">{t('toolbar.save')}</span>
          </button>
        </Tooltip>
      </div>
      <div className="spacer" />
      <PaletteButton testId="open-palette" />
      <Menu.Root>
        <Menu.Trigger asChild>
          <button className="btn ghost icon" aria-label={t('toolbar.more')} data-testid="more-menu">
            <MoreHorizontal aria-hidden />
          </button>
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className="menu-content" align="end" sideOffset={4}>
            <Menu.Item className="menu-item" disabled={!ready || !hasResult} onSelect={() => runCommand('export-csv')}>
              <Download size={14} aria-hidden /> {t('results.exportCsv')}
              <span className="kbd">{shownKeys('export-csv')}</span>
            </Menu.Item>
            <Menu.Item className="menu-item" disabled={!ready} onSelect={() => runCommand('export-table-csv')} data-testid="menu-export-table">
              <Download size={14} aria-hidden /> {t('import.exportTableCommand')}
            </Menu.Item>
            <Menu.Item className="menu-item" disabled={!ready || !databaseId} onSelect={() => runCommand('export-database')} data-testid="menu-export-database">
              <DatabaseBackup size={14} aria-hidden /> {t('import.exportDatabaseCommand')}
            </Menu.Item>
            <Menu.Item className="menu-item" disabled={!ready} onSelect={() => runCommand('reset')} data-testid="menu-reset">
              <RotateCcw size={14} aria-hidden /> {t('toolbar.reset')}…
            </Menu.Item>
            <Menu.Separator className="menu-sep" />
            <Menu.Item className="menu-item" onSelect={() => runCommand('settings')} data-testid="menu-settings">
              <Settings size={14} aria-hidden /> {t('toolbar.settings')}
              <span className="kbd">{shownKeys('settings')}</span>
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
    </header>
  );
}
