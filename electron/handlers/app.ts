import { app } from 'electron';
import type { AppInfo } from '../../core/contract.ts';
import type { Handlers } from './types.ts';

/** Facts about the running app, for the About box and the "system" language setting. */
export function appInfo(): AppInfo {
  return {
    version: app.getVersion(),
    platform: process.platform,
    packaged: app.isPackaged,
    // The OS's preferred language is what "system" means to a learner; getLocale() is the
    // fallback where the OS reports none.
    locale: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    userDataPath: app.getPath('userData'),
  };
}

/** `app:info`. */
export const appHandlers: Pick<Handlers, 'app:info'> = {
  'app:info': () => appInfo(),
};
