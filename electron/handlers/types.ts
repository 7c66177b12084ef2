import type { Channel, ChannelArgs, ChannelResults } from '../../core/contract.ts';

/** The main-process implementation of one channel, typed from the contract. */
export type Handler<C extends Channel> = (...args: ChannelArgs<C>) => Promise<ChannelResults[C]> | ChannelResults[C];

/** One handler per channel: a channel added to the contract without a handler fails to compile. */
export type Handlers = { [C in Channel]: Handler<C> };
