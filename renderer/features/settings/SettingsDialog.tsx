import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Switch from '@radix-ui/react-switch';
import { useStore } from '../../state/store.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Select } from '../../ui/Select.tsx';
import { getHost } from '../../host/host.ts';
import { ROW_LIMITS, type Settings } from '../../../core/persist/docs.ts';

// Loaded when the learner opens the section: most never connect to a learning system.
const XapiSection = lazy(() => import('../xapi/XapiSection.tsx'));

/** Language, theme, editor and result preferences; each applies at once and is saved. */
export function SettingsDialog() {
  const { t, i18n } = useTranslation();
  const open = useStore((s) => s.settingsOpen);
  const setSettingsOpen = useStore((s) => s.setSettingsOpen);
  const settings = useStore((s) => s.settings);
  const setSetting = useStore((s) => s.setSetting);
  const [storage, setStorage] = useState('');
  const [xapiOpen, setXapiOpen] = useState(false);
  useEffect(() => {
    if (open)
      getHost()
        .appInfo()
        .then(
          (info) => setStorage(info.userDataPath),
          () => setStorage(''),
        );
  }, [open]);
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <Dialog open={open} onOpenChange={setSettingsOpen} title={t('settings.title')} testId="settings-dialog" className="settings-dialog">
      <div className="field">
        <span className="label" id="lbl-language">
          {t('settings.language')}
        </span>
        <Select
          label={t('settings.language')}
          testId="setting-language"
          value={settings.language}
          options={[
            { value: 'system', label: t('settings.languageSystem') },
            { value: 'ko', label: '한국어' },
            { value: 'en', label: 'English' },
          ]}
          onChange={(v) => setSetting('language', v as Settings['language'])}
        />
      </div>
      <div className="field">
        <span className="label">{t('settings.theme')}</span>
        <Select
          label={t('settings.theme')}
          testId="setting-theme"
          value={settings.theme}
          options={[
            { value: 'system', label: t('settings.themeSystem') },
            { value: 'light', label: t('settings.themeLight') },
            { value: 'dark', label: t('settings.themeDark') },
          ]}
          onChange={(v) => setSetting('theme', v as Settings['theme'])}
        />
      </div>
      <div className="field">
        <span className="label">{t('settings.rowLimit')}</span>
        <Select
          label={t('settings.rowLimit')}
          testId="setting-rows"
          value={String(settings.rowLimit)}
          options={ROW_LIMITS.map((n) => ({ value: String(n), label: nf.format(n) }))}
          onChange={(v) => setSetting('rowLimit', Number(v) as Settings['rowLimit'])}
        />
      </div>
      <div className="field">
        <label htmlFor="font-size">{t('settings.fontSize')}</label>
        <input
          id="font-size"
          className="input"
          type="number"
          min={10}
          max={28}
          value={settings.editorFontSize}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 10 && n <= 28) setSetting('editorFontSize', n);
          }}
          style={{ width: 100 }}
        />
      </div>
      <div className="field switch-field">
        <label htmlFor="completion">{t('settings.completion')}</label>
        <Switch.Root
          id="completion"
          className="switch"
          checked={settings.completion}
          onCheckedChange={(v) => setSetting('completion', v)}
          data-testid="setting-completion"
        >
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
      </div>
      {storage ? <p className="muted small">{t('settings.storage', { path: storage })}</p> : null}
      <section className="settings-section" aria-labelledby="settings-xapi-heading">
        <h3 id="settings-xapi-heading" className="settings-section-heading">
          <button
            type="button"
            className="btn ghost settings-disclosure"
            aria-expanded={xapiOpen}
            aria-controls="settings-xapi-body"
            onClick={() => setXapiOpen((v) => !v)}
            data-testid="settings-xapi-toggle"
          >
            <span aria-hidden="true">{xapiOpen ? '▾' : '▸'}</span> {t('xapi.heading')}
          </button>
        </h3>
        {xapiOpen ? (
          <div id="settings-xapi-body">
            <Suspense fallback={<p className="muted small">{t('common.loading')}</p>}>
              <XapiSection />
            </Suspense>
          </div>
        ) : null}
      </section>
      <div className="dialog-actions">
        <button className="btn primary" onClick={() => setSettingsOpen(false)}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}
