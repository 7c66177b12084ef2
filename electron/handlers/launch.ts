import { takeLaunchFile } from '../launch-file.ts';
import type { Handlers } from './types.ts';

/** `launch:take-file`: the database file named on the command line, handed over once. */
export const launchHandlers: Pick<Handlers, 'launch:take-file'> = {
  'launch:take-file': () => takeLaunchFile(),
};
