import i18next from 'i18next';
import { registerCommands } from '../../app/registry.ts';
import { useStore } from '../../state/store.ts';
import { resolveLanguage, setLanguage } from '../../i18n/index.ts';

registerCommands([
  { id: 'settings', label: 'commands.settings', keys: 'Mod+,', order: 170, run: () => useStore.getState().setSettingsOpen(true) },
  {
    id: 'toggle-language',
    label: 'commands.toggleLanguage',
    order: 240,
    run: async () => {
      const next = i18next.language === 'ko' ? 'en' : 'ko';
      useStore.getState().setSetting('language', next);
      await setLanguage(resolveLanguage(next, navigator.language));
    },
  },
  {
    id: 'toggle-theme',
    label: 'commands.toggleTheme',
    order: 250,
    run: () => {
      const dark = document.documentElement.dataset.theme === 'dark';
      useStore.getState().setSetting('theme', dark ? 'light' : 'dark');
    },
  },
]);
