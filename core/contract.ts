import { z } from 'zod';
import { DOC_KEYS } from './persist/docs.ts';
import type { Channel, ChannelArgs } from './contract-channels.ts';
import { XapiStatementSchema } from './xapi/schema.ts';

/**
 * The one IPC contract between the renderer and the main process. Channels, their arguments and
 * results are declared once in core/contract-channels.ts (no zod, so the preload can import it);
 * this file adds each channel's argument validator, which main checks every call with.
 */

export type {
  AppInfo,
  Api,
  AuthorFolderRead,
  Channel,
  ChannelArgs,
  ChannelResults,
  ChannelSpecs,
  DocKey,
  LaunchFile,
  LoadCause,
  LoadNotice,
  LoadResult,
  MethodName,
  SaveResult,
} from './contract-channels.ts';
export { CHANNEL_NAMES, methodName } from './contract-channels.ts';

const DocKeySchema = z.enum(DOC_KEYS);

/** Each channel's validator parses to exactly that channel's arguments, no more and no less. */
type Validators = { [C in Channel]: z.ZodType<ChannelArgs<C>> };

/** Argument validators, one per channel. Main rejects calls whose arguments do not parse. */
export const CHANNELS = {
  'store:load': z.tuple([DocKeySchema]),
  'store:save': z.tuple([DocKeySchema, z.custom<unknown>((v) => v !== undefined, 'data is required')]),
  'app:info': z.tuple([]),
  'launch:take-file': z.tuple([]),
  'author:open-folder': z.tuple([]),
  'author:read-folder': z.tuple([z.number().int().nonnegative()]),
  'author:close-folder': z.tuple([]),
  'xapi:status': z.tuple([]),
  'xapi:set-credentials': z.tuple([
    z.strictObject({ endpoint: z.string().min(1).max(2000), key: z.string().min(1).max(500), secret: z.string().min(1).max(2000) }),
  ]),
  'xapi:clear-credentials': z.tuple([]),
  'xapi:set-enabled': z.tuple([z.boolean()]),
  // Only statements of the app's own shape reach the queue; a lesson produces a few at a time.
  'xapi:enqueue': z.tuple([z.array(XapiStatementSchema.transform((s): unknown => s)).max(500)]),
  'xapi:send-now': z.tuple([]),
  'xapi:retry-rejected': z.tuple([]),
  'xapi:test-connection': z.tuple([]),
} as const satisfies Validators;

// The reverse direction of `satisfies`: every argument list the channel declares parses.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _exact: { [C in Channel]: Same<z.infer<(typeof CHANNELS)[C]>, ChannelArgs<C>> } = {
  'store:load': true,
  'store:save': true,
  'app:info': true,
  'launch:take-file': true,
  'author:open-folder': true,
  'author:read-folder': true,
  'author:close-folder': true,
  'xapi:status': true,
  'xapi:set-credentials': true,
  'xapi:clear-credentials': true,
  'xapi:set-enabled': true,
  'xapi:enqueue': true,
  'xapi:send-now': true,
  'xapi:retry-rejected': true,
  'xapi:test-connection': true,
};
