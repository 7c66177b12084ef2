import { app, BrowserWindow, nativeTheme } from 'electron';
import path from 'node:path';
import { APP_ENTRY_URL, devServerUrl } from './app-origin.ts';

// Painted before the page draws, so a dark system never flashes a white window (and vice versa).
const BACKGROUND = { dark: '#1e1e1e', light: '#ffffff' } as const;

function backgroundColor(): string {
  return nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light;
}

/** Creates the main window, hidden until its first paint, and loads the renderer. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Datalit Studio',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: backgroundColor(),
    webPreferences: {
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
      // Middle-click would open links in new windows; the window-open handler denies them anyway.
      disableBlinkFeatures: 'Auxclick',
      preload: path.join(__dirname, 'preload.cjs'),
    },
  });

  win.once('ready-to-show', () => win.show());

  const followTheme = () => win.setBackgroundColor(backgroundColor());
  nativeTheme.on('updated', followTheme);
  win.once('closed', () => nativeTheme.off('updated', followTheme));

  const url = devServerUrl() ?? APP_ENTRY_URL;
  win.loadURL(url).catch((error: unknown) => {
    console.error(`Could not load ${url}:`, error);
  });
  return win;
}
