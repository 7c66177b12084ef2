import { app, session, shell, type WebContents } from 'electron';
import { APP_HOST, APP_SCHEME, devServerUrl } from './app-origin.ts';

/*
 * The one fenced place for the app's security policy. Everything the renderer could use to leave
 * the app (navigation, popups, <webview>, permissions, external links) is decided here.
 */

/** True when `url` belongs to the app: `app://bundle/` when packaged, the dev server's origin in development. */
export function isAppUrl(url: string, devUrl: string | undefined = devServerUrl()): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devUrl !== undefined) return parsed.origin === new URL(devUrl).origin;
  // `origin` is "null" for non-special schemes in the URL standard, so compare the parts instead.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** True only for plain http(s) links, the one kind the system browser may be asked to open. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Credentials in a link are a classic disguise (https://bank.example@evil.example).
  const credentials = parsed.username !== '' || parsed.password !== '';
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '' && !credentials;
}

/** The one way the app opens a link outside itself; anything but http(s) is ignored. Resolves to whether it opened. */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  try {
    // Re-serialised by the parser so the shell receives exactly what was checked.
    await shell.openExternal(new URL(url).toString());
    return true;
  } catch {
    return false;
  }
}

/** Locks down one web contents: no navigation away, no popups, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // Links with target=_blank go to the system browser; the app never opens a second window.
    void openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** Installs the web-contents hook; call before any window exists so none escapes it. */
export function installWebContentsSecurity(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/** Denies every permission request and check on the default session (camera, notifications, ...). */
export function installPermissionPolicy(): void {
  // Writing to the clipboard ("Copy cell", "Copy spec") is the one permission the app's own
  // pages get; everything else, for everyone, is refused.
  const allowed = (permission: string, origin: string) => permission === 'clipboard-sanitized-write' && isAppUrl(origin);
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(allowed(permission, contents.getURL())));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));
}
