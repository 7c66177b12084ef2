import { createRoot } from 'react-dom/client';
import 'pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css';
import './styles/tokens.css';
import './styles/app.css';
import './styles/sandbox.css';
import './styles/course.css';
import { getHost } from './host/host.ts';
import { initI18n, resolveLanguage } from './i18n/index.ts';
import { announceLoadNotices, loadPersisted, startAutosave } from './state/persistence.ts';
import { useStore } from './state/store.ts';
import './app/features.ts';
import { App } from './App.tsx';
import { initWorkbench, warmUpWorkbench } from './features/sandbox/workbench.ts';
import { installFocusGuard } from './ui/focus.ts';

/** Start-up: saved state first (so the language is right), then the UI, then the database. */
async function start(): Promise<void> {
  const host = getHost();
  // Network and worker start-up overlap with reading saved state. Monaco waits until the
  // database is open: its 3 MB would hold the main thread that the first paint needs.
  warmUpWorkbench();
  const loaded = await loadPersisted(host);
  let systemLocale = navigator.language;
  try {
    systemLocale = (await host.appInfo()).locale || systemLocale;
  } catch {
    // The browser's language is a fine fallback.
  }
  await initI18n(resolveLanguage(useStore.getState().settings.language, systemLocale));
  startAutosave(host);
  installFocusGuard();
  createRoot(document.getElementById('root')!).render(<App systemLocale={systemLocale} />);
  announceLoadNotices(loaded);
  await initWorkbench();
}

void start();
