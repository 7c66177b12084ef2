import { appHandlers } from './app.ts';
import { authorHandlers } from './author.ts';
import { launchHandlers } from './launch.ts';
import { storeHandlers } from './store.ts';
import { xapiHandlers } from './xapi.ts';
import type { Handlers } from './types.ts';

/** Every channel's handler; the `Handlers` type makes a missing channel a compile error. */
export const HANDLERS: Handlers = {
  ...storeHandlers,
  ...appHandlers,
  ...launchHandlers,
  ...authorHandlers,
  ...xapiHandlers,
};
