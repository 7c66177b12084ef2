import { z } from 'zod';
import { DOC_KEYS, type DocKey } from './persist/docs.ts';
import type { DroppedEntries } from './persist/define-doc.ts';

/**
 * The one IPC contract between the renderer and the main process.
 * Each channel is declared once here: its argument validator (checked in main) and its result
 * type. The preload and the renderer's host derive their functions from this table.
 */

/** What a load of a persisted document tells the renderer. */
export interface LoadResult {
  /** The raw JSON value read (validated again by the renderer's restore), or null if none exists. */
  data: unknown;
  /** Set when the file was damaged: what happened, so the UI can say it out loud. */
  notice: LoadNotice | null;
}

/**
 * Why the main file was not used: damaged (moved aside), damaged but could not be moved aside
 * (left in place), unreadable (permissions, a folder in its place), written by a newer version
 * of the app (kept aside, not called damaged), or missing while a backup exists.
 */
export type LoadCause = 'damaged' | 'stuck' | 'unreadable' | 'newer-version' | 'missing';

/** A recovery event the learner must be told about. */
export interface LoadNotice {
  /**
   * restored-from-backup: the last good backup is in use; reset-to-defaults: no usable backup;
   * entries-dropped: the file is used without its damaged entries (counted in `dropped`).
   */
  kind: 'restored-from-backup' | 'reset-to-defaults' | 'entries-dropped';
  cause: LoadCause;
  /** The path where the file was moved aside, or `-` when nothing was moved. */
  movedTo: string;
  reason: string;
  /** With entries-dropped: how many entries of which collection were left out. */
  dropped?: DroppedEntries[];
}

/**
 * The outcome of a save. A save that cannot be written is an answer, not an exception, so the
 * renderer can say what is wrong in the learner's language and keep the work in memory.
 */
export type SaveResult =
  | { ok: true }
  | {
      ok: false;
      /** unwritable: permissions, read-only disk, a folder in the way; disk-full; too-large: over MAX_DOC_BYTES. */
      problem: 'unwritable' | 'disk-full' | 'too-large' | 'failed';
      /** The folder or file concerned. */
      path: string;
      /** The system's error, for the curious (English). */
      detail: string;
    };

/** Facts about the running app. */
export interface AppInfo {
  version: string;
  platform: string;
  packaged: boolean;
  locale: string;
  userDataPath: string;
}

const DocKeySchema = z.enum(DOC_KEYS);

/** Argument validators, one per channel. Main rejects calls whose arguments do not parse. */
export const CHANNELS = {
  'store:load': z.tuple([DocKeySchema]),
  'store:save': z.tuple([DocKeySchema, z.custom<unknown>((v) => v !== undefined, 'data is required')]),
  'app:info': z.tuple([]),
} as const;

/** Channel name, `domain:verb`. */
export type Channel = keyof typeof CHANNELS;

/** Result type of each channel. */
export interface ChannelResults {
  'store:load': LoadResult;
  'store:save': SaveResult;
  'app:info': AppInfo;
}

/** Arguments of each channel, derived from the validators. */
export type ChannelArgs<C extends Channel> = z.infer<(typeof CHANNELS)[C]>;

/** `store:load` -> `storeLoad`: the preload's function name for a channel. */
export type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<CamelCase<V>>}` : never;
type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** The API the preload exposes as `window.api`. */
export type Api = {
  [C in Channel as MethodName<C>]: (...args: ChannelArgs<C>) => Promise<ChannelResults[C]>;
};

/** Runtime version of MethodName, shared by the preload and the tests. */
export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [domain, verb] = channel.split(':') as [string, string];
  const camel = verb.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return `${domain}${camel.charAt(0).toUpperCase()}${camel.slice(1)}` as MethodName<C>;
}

export type { DocKey };
