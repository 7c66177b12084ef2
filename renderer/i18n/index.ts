import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { ko } from './ko.ts';

/** Languages the UI ships in. */
export type Language = 'ko' | 'en';

/** The UI language for a setting: the explicit choice, else Korean for a Korean system, else English. */
export function resolveLanguage(setting: 'system' | Language, systemLocale: string): Language {
  if (setting !== 'system') return setting;
  return systemLocale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Starts i18next with both languages bundled (no network). */
export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ko: { translation: ko } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

/** Switches the UI language at runtime. */
export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
