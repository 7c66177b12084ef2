import { create } from 'zustand';

/** Whether the About dialog is open (a feature store of its own). */
export const useAbout = create<{ open: boolean }>(() => ({ open: false }));

/** Opens or closes the About dialog. */
export function setAboutOpen(open: boolean): void {
  useAbout.setState({ open });
}
