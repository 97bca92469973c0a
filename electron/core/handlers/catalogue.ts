import { listRegions, readCatalogue } from '../catalogue/read';
import type { HandlerGroup } from './types';

export const catalogueHandlers: HandlerGroup<'catalogue.get' | 'regions.list'> = {
  'catalogue.get': (ctx, input) => readCatalogue(ctx.db, { includeRetired: input.includeRetired ?? true }),
  'regions.list': (ctx) => listRegions(ctx.db),
};
