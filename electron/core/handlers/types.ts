import type { z } from 'zod';
import type { Channel, ChannelOutput, channels } from '../../../shared/contract';
import type { CoreContext } from '../store';

/** Progress of long work (import, export), forwarded by each shell its own way. */
export interface HandlerHooks {
  progress?: (done: number, total: number, label: string) => void;
}

export type Handler<C extends Channel> = (
  ctx: CoreContext,
  input: z.output<(typeof channels)[C]['input']>,
  hooks: HandlerHooks,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type HandlerGroup<K extends Channel> = { [C in K]: Handler<C> };
