import path from 'node:path';
import { commitConsolidation, previewConsolidation } from '../returns/consolidate';
import type { HandlerGroup } from './types';

export const consolidateHandlers: HandlerGroup<'consolidate.preview' | 'consolidate.commit'> = {
  'consolidate.preview': (ctx, input, hooks) => previewConsolidation(ctx, input.files.map((f) => path.resolve(f)), hooks),
  'consolidate.commit': (ctx, input, hooks) =>
    commitConsolidation(ctx, input.files.map((f) => path.resolve(f)), input.resolutions, hooks),
};
