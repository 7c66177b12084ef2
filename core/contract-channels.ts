import type { DocKey } from './persist/docs.ts';
import type { DroppedEntries } from './persist/define-doc.ts';
import type { XapiCredentialsInput, XapiSetCredentialsResult, XapiStatus, XapiTestResult } from './xapi/types.ts';

/**
 * The IPC contract's channels without their validators: names, arguments and results, as types
 * plus one runtime list of names. The preload imports this file, so it ships without zod;
 * core/contract.ts adds the validators main checks every call with.
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

/**
 * A database file named on the desktop app's command line: its bytes, or why it cannot be
 * opened (the renderer says so in the learner's language). `size` in bytes.
 */
export type LaunchFile =
  | { name: string; path: string; bytes: Uint8Array }
  | { name: string; path: string; problem: 'missing' | 'not-a-file' | 'too-large' | 'unreadable'; size: number };

/**
 * A lesson folder opened in author mode, read by the main process (or the browser's File System
 * Access API): its lesson files keyed by their path inside the folder (`lesson.json`,
 * `t3-l9-x/ko.md`), and a version that changes whenever the folder does. Or why it cannot be read.
 */
export type AuthorFolderRead =
  | { ok: true; name: string; path: string; version: number; files: Record<string, string> }
  | {
      ok: false;
      /** unsupported: no folder picker (a browser without showDirectoryPicker); closed: no folder is open. */
      problem: 'unsupported' | 'closed' | 'no-lessons' | 'too-large' | 'unreadable';
      path: string;
      detail: string;
    };

/**
 * Every channel, named `domain:verb`: its arguments and its result. A new channel is one entry
 * here, its validator in core/contract.ts and its handler in electron/handlers/ (each a compile
 * error until present); the preload, `window.api` and the renderer's host follow from it.
 */
export interface ChannelSpecs {
  'store:load': { args: [key: DocKey]; result: LoadResult };
  'store:save': { args: [key: DocKey, data: unknown]; result: SaveResult };
  'app:info': { args: []; result: AppInfo };
  /** The database file given on the command line, once (null when none is waiting). */
  'launch:take-file': { args: []; result: LaunchFile | null };
  /** Author mode: pick a lesson folder and start watching it (null when the picker is cancelled). */
  'author:open-folder': { args: []; result: AuthorFolderRead | null };
  /** The watched folder's files when they changed since `version` (null when they did not). */
  'author:read-folder': { args: [version: number]; result: AuthorFolderRead | null };
  /** Stops watching the folder. */
  'author:close-folder': { args: []; result: null };
  /** xAPI: what is stored (never the secret) and how the queue stands. */
  'xapi:status': { args: []; result: XapiStatus };
  /** xAPI: stores the LRS endpoint, key and secret (main encrypts them; they never come back). */
  'xapi:set-credentials': { args: [credentials: XapiCredentialsInput]; result: XapiSetCredentialsResult };
  'xapi:clear-credentials': { args: []; result: XapiStatus };
  /** xAPI: recording and sending on or off (the saved setting, sent at start and on change). */
  'xapi:set-enabled': { args: [enabled: boolean]; result: XapiStatus };
  /** xAPI: statements to queue (validated against core/xapi/schema.ts in main). */
  'xapi:enqueue': { args: [statements: unknown[]]; result: XapiStatus };
  'xapi:send-now': { args: []; result: XapiStatus };
  /** xAPI: puts statements the LRS refused back in line. */
  'xapi:retry-rejected': { args: []; result: XapiStatus };
  /** xAPI: GET <endpoint>about. */
  'xapi:test-connection': { args: []; result: XapiTestResult };
}

/** Channel name, `domain:verb`. */
export type Channel = keyof ChannelSpecs;

/** Arguments of each channel. */
export type ChannelArgs<C extends Channel> = ChannelSpecs[C]['args'];

/** Result type of each channel. */
export type ChannelResults = { [C in Channel]: ChannelSpecs[C]['result'] };

// A record, not an array, so that a channel missing here (or one too many) does not compile.
const CHANNEL_SET: { [C in Channel]: true } = {
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

/** Every channel name, at run time (the preload builds `window.api` from it). */
export const CHANNEL_NAMES = Object.keys(CHANNEL_SET) as Channel[];

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
