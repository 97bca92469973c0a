import { readPeriodMatrix } from '../reports/matrix';
import type { HandlerGroup } from './types';

export const reportHandlers: HandlerGroup<'reports.matrix'> = {
  'reports.matrix': (ctx, input) => readPeriodMatrix(ctx.db, input.period, { asOf: input.asOf ?? null }),
};
