/** The Models screen's dialogs that commands open from the palette (import, start over). */
export type ModelsDialog = 'import' | 'reset' | null;

let listener: ((dialog: ModelsDialog) => void) | null = null;

/** The screen listens while it is on show; returns the unsubscribe. */
export function onModelsDialog(fn: (dialog: ModelsDialog) => void): () => void {
  listener = fn;
  return () => {
    if (listener === fn) listener = null;
  };
}

/** Opens a dialog of the Models screen (nothing happens while the screen is not on show). */
export function openModelsDialog(dialog: ModelsDialog): void {
  listener?.(dialog);
}
