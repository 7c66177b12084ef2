import { openExternalSafely } from '../security.ts';
import type { Handlers } from './types.ts';

/** `shell:open-external`: goes through the same wrapper as links the page tries to open itself. */
export const shellHandlers: Pick<Handlers, 'shell:open-external'> = {
  'shell:open-external': async (url) => {
    await openExternalSafely(url);
  },
};
