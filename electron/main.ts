import { app, BrowserWindow } from 'electron';
import { registerIpc } from './ipc.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { installPermissionPolicy, installWebContentsSecurity } from './security.ts';
import { devServerUrl } from './app-origin.ts';
import { createMainWindow } from './window.ts';
import { queueLaunchArgs } from './launch-file.ts';

// Lifecycle only: every policy lives in the module it names.

// End-to-end tests run against a throwaway profile, never the learner's user-data folder.
if (process.env.DATALIT_USER_DATA) app.setPath('userData', process.env.DATALIT_USER_DATA);

// Privileges can only be granted before `ready`.
registerAppScheme();

let mainWindow: BrowserWindow | null = null;

function openMainWindow(): void {
  mainWindow = createMainWindow();
  mainWindow.once('closed', () => {
    mainWindow = null;
  });
}

// A second instance would race the first on the same document files; hand over to the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // `datalit-studio shop.db`: the renderer takes the file when it is ready (launch:take-file).
  queueLaunchArgs(process.argv, process.cwd());
  app.on('second-instance', (_event, argv, workingDirectory) => {
    // A file opened with the app while it runs: queued here, taken by the renderer when the window regains focus.
    queueLaunchArgs(argv, workingDirectory);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Registered before any window exists, so no web contents escapes the policy.
  installWebContentsSecurity();

  app
    .whenReady()
    .then(() => {
      installPermissionPolicy();
      if (devServerUrl() === undefined) handleAppProtocol();
      registerIpc();
      openMainWindow();
      app.on('activate', () => {
        // macOS: clicking the dock icon with no window open reopens one.
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('Startup failed:', error);
      app.quit();
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
