import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { Download, FolderOpen, MoreHorizontal, PackageOpen, Pencil, Plus, RotateCcw, Settings, Trash2 } from 'lucide-react';
import type { Pipeline } from '../../../core/pipeline/schema.ts';
import { runCommand, shownKeys } from '../../commands/commands.ts';
import { Select } from '../../ui/Select.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Brand } from '../shell/Brand.tsx';
import { currentPipeline, usePipelineDocStore } from './pipeline-store.ts';
import { exportAirflow, openPipelineFile, savePipelineFile } from './pipeline-actions.ts';
import { PipelineWorkbench } from './PipelineWorkbench.tsx';
import { starterPipeline } from './starter.ts';
import { PipelineSettingsDialog } from './PipelineSettingsDialog.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';

/** The Pipeline screen: the learner's pipelines (open, save, export to Airflow) around the workbench. */
export function PipelineScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const doc = usePipelineDocStore((s) => s.doc);
  const { savePipeline, openPipeline, removePipeline } = usePipelineDocStore.getState();
  const pipeline = currentPipeline(doc, lang);
  const saved = Object.values(doc.pipelines);
  const [confirm, setConfirm] = useState<null | 'remove' | 'reset'>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const options = (saved.some((p) => p.id === pipeline.id) ? saved : [pipeline, ...saved]).map((p) => ({
    value: p.id,
    label: p.title ? `${p.title} (${p.id})` : p.id,
  }));

  const change = (next: Pipeline) => savePipeline(next, pipeline.id);

  return (
    <div className="app pipeline-app">
      <header className="topbar" role="toolbar" aria-label={t('pipeline.screen')}>
        <Brand />
        <Select label={t('pipeline.pick')} value={pipeline.id} options={options} onChange={openPipeline} testId="pl-pick" minWidth={220} />
        <Tooltip text={t('pipeline.newHint')}>
          <button
            className="btn ghost icon"
            aria-label={t('pipeline.new')}
            onClick={() => {
              const base = starterPipeline(lang);
              let id = 'my_pipeline';
              for (let i = 2; doc.pipelines[id]; i++) id = `my_pipeline_${i}`;
              savePipeline({ ...base, id, title: '', tasks: [], edges: [], tables: [] });
            }}
            data-testid="pl-new"
          >
            <Plus aria-hidden />
          </button>
        </Tooltip>
        <span className="toolbar-sep" />
        <Tooltip text={t('pipeline.openFile')} keys={shownKeys('pipeline-open-file')}>
          <button className="btn" onClick={openPipelineFile} data-testid="pl-open-file">
            <FolderOpen aria-hidden /> <span className="btn-label">{t('pipeline.open')}</span>
          </button>
        </Tooltip>
        <Tooltip text={t('pipeline.saveFile')} keys={shownKeys('pipeline-save-file')}>
          <button className="btn" onClick={() => savePipelineFile(pipeline)} data-testid="pl-save-file">
            <Download aria-hidden /> <span className="btn-label">{t('pipeline.save')}</span>
          </button>
        </Tooltip>
        <Tooltip text={t('pipeline.exportAirflowHint')}>
          <button className="btn" onClick={() => void exportAirflow(pipeline)} data-testid="pl-export-airflow">
            <PackageOpen aria-hidden /> <span className="btn-label">{t('pipeline.exportAirflow')}</span>
          </button>
        </Tooltip>
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
              <Menu.Item className="menu-item" onSelect={() => setSettingsOpen(true)} data-testid="pl-menu-settings">
                <Pencil size={14} aria-hidden /> {t('pipeline.settings')}
              </Menu.Item>
              <Menu.Item className="menu-item" onSelect={() => setConfirm('reset')} data-testid="pl-menu-reset">
                <RotateCcw size={14} aria-hidden /> {t('pipeline.resetStarter')}…
              </Menu.Item>
              <Menu.Item className="menu-item" disabled={!doc.pipelines[pipeline.id]} onSelect={() => setConfirm('remove')} data-testid="pl-menu-remove">
                <Trash2 size={14} aria-hidden /> {t('pipeline.remove')}…
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
      <main className="workspace pl-main" id="main-content" data-focus-landing tabIndex={-1} aria-label={t('pipeline.screen')}>
        <PipelineWorkbench pipeline={pipeline} onChange={change} mode="free" />
      </main>
      <PipelineSettingsDialog
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        pipeline={pipeline}
        taken={(id) => !!doc.pipelines[id]}
        onSave={change}
      />
      <Dialog
        open={confirm !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={confirm === 'reset' ? t('pipeline.resetTitle') : t('pipeline.removeTitle', { id: pipeline.id })}
        description={confirm === 'reset' ? t('pipeline.resetBody') : t('pipeline.removeBody')}
      >
        <div className="dialog-actions">
          <button className="btn" onClick={() => setConfirm(null)}>
            {t('common.cancel')}
          </button>
          <button
            className="btn danger"
            data-testid="pl-confirm"
            onClick={() => {
              if (confirm === 'reset') savePipeline(starterPipeline(lang));
              else removePipeline(pipeline.id);
              setConfirm(null);
            }}
          >
            {confirm === 'reset' ? t('pipeline.resetConfirm') : t('pipeline.remove')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
