import { resolveRegion } from '../catalogue/read';
import { AppError } from '../errors';
import { exportReport } from '../reports/export-workbook';
import { readPeriodMatrix } from '../reports/matrix';
import type { HandlerGroup } from './types';

export const reportHandlers: HandlerGroup<'reports.matrix' | 'reports.export'> = {
  'reports.matrix': (ctx, input) => readPeriodMatrix(ctx.db, input.period, { asOf: input.asOf ?? null }),
  'reports.export': async (ctx, input, hooks) => {
    let region: string | undefined;
    if (input.region !== undefined) {
      const found = resolveRegion(ctx.db, input.region);
      if (!found) throw new AppError('not-found', `找不到地区：${input.region}。请填写地区全称、简称或代码，如 海口市、海口、460100。`);
      region = found.code;
    }
    return exportReport(ctx.db, { period: input.period, region, out: input.out, asOf: input.asOf ?? null }, hooks.progress);
  },
};
