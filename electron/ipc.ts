import { ipcMain } from 'electron';
import type { z } from 'zod';
import { CHANNEL_NAMES, CHANNELS, type Channel, type ChannelArgs, type ChannelResults } from '../core/contract.ts';
import { HANDLERS } from './handlers/index.ts';
import type { Handler, Handlers } from './handlers/types.ts';
import { isAppUrl } from './security.ts';

/*
 * Every IPC call is checked twice before a handler sees it: who sent it (our page, top frame) and
 * what it carries (the channel's validator from the contract). A compromised or foreign frame, or a
 * renderer bug, gets a clear error instead of reaching the file system or the shell.
 */

/** The parts of a frame the sender check reads; Electron's WebFrameMain has them. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The parts of an IPC event the sender check reads; Electron's IpcMainInvokeEvent has them. */
export interface SenderLike {
  readonly senderFrame: FrameLike | null | undefined;
}

/** True when the call came from the app's own page in a top-level frame. */
export function isTrustedSender(event: SenderLike): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
  } catch {
    // Reading a frame that was already disposed throws; such a sender is not trusted either.
    return false;
  }
}

/** Throws unless the call came from the app's own page in a top-level frame. */
export function assertTrustedSender(event: SenderLike): void {
  if (!isTrustedSender(event)) throw new Error('Blocked IPC from untrusted sender');
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? `argument ${issue.path.join('.')}` : 'arguments'}: ${issue.message}`)
    .join('; ');
}

/** Checks the sender, parses the arguments with the channel's validator, then calls the handler. */
export async function dispatch<C extends Channel>(
  channel: C,
  handler: Handler<C>,
  event: SenderLike,
  args: readonly unknown[],
): Promise<ChannelResults[C]> {
  assertTrustedSender(event);
  const parsed = CHANNELS[channel].safeParse(args);
  if (!parsed.success) throw new Error(`Invalid arguments for ${channel}: ${describeIssues(parsed.error)}`);
  // The validator of channel C produces exactly ChannelArgs<C>; TypeScript cannot narrow the
  // union of validators by a generic key, hence the cast.
  return handler(...(parsed.data as ChannelArgs<C>));
}

function registerChannel<C extends Channel>(channel: C, handler: Handler<C>): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => dispatch(channel, handler, event, args));
}

/** Registers one `ipcMain.handle` per contract channel. Call once, after the app is ready. */
export function registerIpc(handlers: Handlers = HANDLERS): void {
  // Generic per channel, so each handler is checked against its own channel's arguments.
  const register = <C extends Channel>(channel: C): void => registerChannel(channel, handlers[channel]);
  for (const channel of CHANNEL_NAMES) register(channel);
}
