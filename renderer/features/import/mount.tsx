import { createRoot, type Root } from 'react-dom/client';
import { ImportDialog } from './ImportDialog.tsx';
import { ExportTableDialog } from './ExportTableDialog.tsx';
import './import.css';

/**
 * The import and export dialogs live in their own small React root, created the first time one
 * is needed: the app's startup bundle carries none of this (see register.ts), and no central
 * component has to know about them. Radix portals them into the body, so the theme and focus
 * handling are the app's.
 */

let root: Root | null = null;

/** Renders the import UI once; its dialogs then open and close from the import store. */
export function mountImportUi(): void {
  if (root) return;
  const host = document.createElement('div');
  host.dataset.testid = 'import-root';
  document.body.append(host);
  root = createRoot(host);
  root.render(
    <>
      <ImportDialog />
      <ExportTableDialog />
    </>,
  );
}
