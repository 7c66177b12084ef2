/**
 * The ways into a class pack (menu, palette, drop, desktop command line): each hands the file to
 * open-pack.ts, loaded only now, so the app's first screen does not carry the pack code.
 */

/** True when a file name looks like a class pack (the zip's content decides). */
export function isPackName(name: string): boolean {
  return name.toLowerCase().endsWith('.zip');
}

/** Opens a class pack file: validates it (progress and reasons in a dialog on the course map), then installs it. */
export async function openClassPack(file: Blob, name: string): Promise<void> {
  const { openClassPackFile } = await import('./open-pack.ts');
  await openClassPackFile(file, name);
}

let input: HTMLInputElement | null = null;

/** The hidden file input the picker uses (made once; tests set files on it directly). */
export function packInput(): HTMLInputElement {
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.accept = '.zip,application/zip';
    input.hidden = true;
    input.dataset.testid = 'open-pack-input';
    input.addEventListener('change', () => {
      const file = input?.files?.[0];
      if (file) void openClassPack(file, file.name);
      if (input) input.value = '';
    });
    document.body.append(input);
  }
  return input;
}

/** Shows the system's file picker for a class pack (.zip). */
export function pickClassPack(): void {
  packInput().click();
}
