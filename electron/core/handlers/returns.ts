import path from 'node:path';
import { listBatches } from '../returns/batches';
import { writeErrorsCopy } from '../returns/errors-copy';
import { commitImport, previewImport } from '../returns/import';
import { writeTemplate } from '../returns/template';
import { undoBatch } from '../returns/undo';
import type { HandlerGroup } from './types';

export const returnsHandlers: HandlerGroup<
  'returns.template' | 'import.preview' | 'import.commit' | 'import.undo' | 'import.batches' | 'import.errorsCopy'
> = {
  'returns.template': (ctx, input) => writeTemplate(ctx.db, { ...input, out: path.resolve(input.out) }),
  'import.preview': (ctx, input, hooks) => previewImport(ctx, path.resolve(input.file), hooks),
  'import.commit': (ctx, input, hooks) => commitImport(ctx, path.resolve(input.file), hooks),
  'import.undo': (ctx, input) => undoBatch(ctx, input.batchId),
  'import.batches': (ctx) => listBatches(ctx.db),
  'import.errorsCopy': (ctx, input) => writeErrorsCopy(ctx, input.file, input.out),
};
