import { createRoot, type Root } from 'react-dom/client';
import { AboutDialog } from './AboutDialog.tsx';
import { setAboutOpen } from './about-store.ts';

let root: Root | null = null;

/**
 * Opens the About dialog. It lives in a small React root of its own, made on first use, so that a
 * rarely opened dialog (and its licence list) adds nothing to the app's first load or its shell.
 */
export function showAbout(): void {
  if (!root) {
    const host = document.createElement('div');
    host.id = 'about-root';
    document.body.appendChild(host);
    root = createRoot(host);
    root.render(<AboutDialog />);
  }
  setAboutOpen(true);
}
