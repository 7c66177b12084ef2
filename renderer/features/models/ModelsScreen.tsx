import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { Download, FileArchive, FolderOpen, MoreHorizontal, RotateCcw, Settings, Upload } from 'lucide-react';
import { runCommand, shownKeys } from '../../commands/commands.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { Brand } from '../shell/Brand.tsx';
import { StatusBar } from '../sandbox/StatusBar.tsx';
import { ModelWorkbench } from './ModelWorkbench.tsx';
import { screenProject, useModelsStore } from './models-store.ts';
import { exportZip, importFolder, importZip, startOver } from './models-actions.ts';
import { onModelsDialog, type ModelsDialog } from './models-dialogs.ts';
import { STARTER_OPEN_PATH } from './starter-project.ts';
import { PaletteButton } from '../shell/PaletteButton.tsx';

/** The Models screen: the learner's own model project in the workbench, with import, export and start over. */
export function ModelsScreen() {
  const { t } = useTranslation();
  const doc = useModelsStore((s) => s.doc);
  const setProject = useModelsStore((s) => s.setProject);
  const setOpenPath = useModelsStore((s) => s.setOpenPath);
  const project = screenProject(doc);
  const [dialog, setDialog] = useState<ModelsDialog>(null);
  const zipInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => onModelsDialog(setDialog), []);
  useEffect(() => {
    // React does not know the non-standard attribute: set it on the element itself.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  return (
    <div className="app">
      <header className="topbar" role="toolbar" aria-label={t('models.title')}>
        <Brand />
        <span className="toolbar-sep" />
        <div className="toolbar-group">
          <Tooltip text={t('models.commands.import')}>
            <button className="btn" onClick={() => setDialog('import')} aria-label={t('models.toolbar.import')} data-testid="models-import">
              <Upload aria-hidden /> <span className="btn-label">{t('models.toolbar.import')}</span>
            </button>
          </Tooltip>
          <Tooltip text={t('models.commands.export')}>
            <button className="btn" onClick={() => void exportZip()} aria-label={t('models.toolbar.export')} data-testid="models-export">
              <Download aria-hidden /> <span className="btn-label">{t('models.toolbar.export')}</span>
            </button>
          </Tooltip>
        </div>
        <div className="spacer" />
        <PaletteButton />
        <Menu.Root>
          <Menu.Trigger asChild>
            <button className="btn ghost icon" aria-label={t('models.toolbar.more')} data-testid="models-more">
              <MoreHorizontal aria-hidden />
            </button>
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu-content" align="end" sideOffset={4}>
              <Menu.Item className="menu-item" onSelect={() => setDialog('reset')} data-testid="models-menu-reset">
                <RotateCcw size={14} aria-hidden /> {t('models.toolbar.reset')}
              </Menu.Item>
              <Menu.Separator className="menu-sep" />
              <Menu.Item className="menu-item" onSelect={() => runCommand('settings')}>
                <Settings size={14} aria-hidden /> {t('toolbar.settings')}
                <span className="kbd">{shownKeys('settings')}</span>
              </Menu.Item>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </header>
      <main className="workspace models-workspace" id="main-content" tabIndex={-1}>
        <h1 className="sr-only">{t('models.title')}</h1>
        <ModelWorkbench
          project={project}
          onChange={setProject}
          mode="free"
          initialPath={doc.openPath ?? STARTER_OPEN_PATH}
          onOpenPath={setOpenPath}
        />
      </main>
      <StatusBar />
      <input
        ref={zipInput}
        type="file"
        accept=".zip,application/zip"
        hidden
        data-testid="models-import-zip"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importZip(file);
          e.target.value = '';
        }}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        data-testid="models-import-folder"
        onChange={(e) => {
          if (e.target.files) void importFolder(e.target.files);
          e.target.value = '';
        }}
      />
      <Dialog open={dialog === 'import'} onOpenChange={(o) => !o && setDialog(null)} title={t('models.import.title')} description={t('models.import.replace')} testId="models-import-dialog">
        <div className="dialog-actions models-import-choices">
          <button className="btn" onClick={() => setDialog(null)}>
            {t('models.files.cancel')}
          </button>
          <button
            className="btn"
            onClick={() => {
              setDialog(null);
              folderInput.current?.click();
            }}
            data-testid="models-import-folder-button"
          >
            <FolderOpen aria-hidden /> {t('models.toolbar.importFolder')}
          </button>
          <button
            className="btn primary"
            onClick={() => {
              setDialog(null);
              zipInput.current?.click();
            }}
            data-testid="models-import-zip-button"
          >
            <FileArchive aria-hidden /> {t('models.toolbar.importZip')}
          </button>
        </div>
      </Dialog>
      <Dialog open={dialog === 'reset'} onOpenChange={(o) => !o && setDialog(null)} title={t('models.reset.title')} description={t('models.reset.body')} testId="models-reset-dialog">
        <div className="dialog-actions">
          <button className="btn" onClick={() => setDialog(null)}>
            {t('models.files.cancel')}
          </button>
          <button
            className="btn danger"
            onClick={() => {
              setDialog(null);
              startOver();
            }}
            data-testid="models-reset-confirm"
          >
            {t('models.reset.confirm')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

export default ModelsScreen;
