import { createRoot, type Root } from 'react-dom/client';
import { ExportReportDialog } from './ExportReportDialog.tsx';
import './class.css';

let root: Root | null = null;
let shown = 0;

/**
 * Shows the export dialog over whatever screen the learner is on (a lesson, usually): it has its
 * own small React root, so exporting never takes them away from their work.
 */
export function showExportDialog(): void {
  if (!root) {
    const host = document.createElement('div');
    host.dataset.testid = 'report-export-root';
    document.body.append(host);
    root = createRoot(host);
  }
  // A fresh key each time: the dialog opens with its own state. A closed one stays mounted (closed),
  // so Radix returns focus where it was when it closes.
  root.render(<ExportReportDialog key={++shown} />);
}
