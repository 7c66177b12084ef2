import { IMPORT_EXTENSIONS } from '../../../core/sql/csv-sniff.ts';

/**
 * The import feature's doors, loaded at start-up: each loads the dialog's code (import-flow.ts
 * and its React root) only when the learner first uses it.
 */

const flow = () => import('./import-flow.ts');

/** Opens the import dialog on a file (or refuses it with the reason). */
export async function openImportFile(file: Blob, name: string): Promise<void> {
  const { beginImport } = await flow();
  await beginImport(file, name);
}

let input: HTMLInputElement | null = null;

/** Shows the system's file picker for a CSV or JSON lines file; the chosen one opens in the import dialog. */
export function pickImportFile(): void {
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    // The bytes decide; the filter only offers the usual names first.
    input.accept = [...IMPORT_EXTENSIONS, '.gz'].join(',');
    input.hidden = true;
    input.dataset.testid = 'import-input';
    input.addEventListener('change', () => {
      const file = input?.files?.[0];
      if (file) void openImportFile(file, file.name);
      if (input) input.value = '';
    });
    document.body.append(input);
  }
  input.click();
}

/** Saves one table as CSV. */
export async function exportTable(name: string): Promise<void> {
  const { exportTableCsv } = await flow();
  await exportTableCsv(name);
}

/** Asks which table to save as CSV (the palette command). */
export async function chooseTableToExport(): Promise<void> {
  const { pickTableToExport } = await flow();
  pickTableToExport();
}

/** Saves the open database as a .sqlite file. */
export async function exportDatabase(): Promise<void> {
  const { exportDatabaseFile } = await flow();
  await exportDatabaseFile();
}
