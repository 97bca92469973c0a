/**
 * Handlers of shared/channels/tracker.ts: the returns tracker (period lock)
 * and the catalogue as an editable workbook. Thin: the work is in
 * core/returns and core/catalogue, where the CLI and tests reach it too.
 */
import { catalogueHistory } from '../catalogue/history';
import path from 'node:path';
import { resolveRegion } from '../catalogue/read';
import { setIndicator, setTarget } from '../catalogue/edit';
import { undoCatalogueImport } from '../catalogue/undo';
import { exportCatalogueWorkbook } from '../catalogue/workbook-export';
import { commitCatalogueImport, previewCatalogueImport } from '../catalogue/workbook-import';
import { AppError } from '../errors';
import { exportMissing } from '../returns/missing-export';
import { advanceReturn, reopenReturn, returnHistory, listReturns, trackerRow } from '../returns/tracker';
import type { CoreContext } from '../store';
import type { HandlerGroup } from './types';

function regionCode(ctx: CoreContext, nameOrCode: string): string {
  const r = resolveRegion(ctx.db, nameOrCode);
  if (!r) throw new AppError('not-found', `没有这个地区：${nameOrCode}`);
  return r.code;
}

type TrackerChannel =
  | 'tracker.list' | 'tracker.advance' | 'tracker.reopen' | 'tracker.history' | 'tracker.exportMissing'
  | 'catalogue.exportXlsx' | 'catalogue.importPreview' | 'catalogue.importCommit' | 'catalogue.importUndo'
  | 'catalogue.history' | 'catalogue.setIndicator' | 'catalogue.setTarget';

export const trackerHandlers: HandlerGroup<TrackerChannel> = {
  'tracker.list': (ctx, input) => listReturns(ctx.db, input.period),
  'tracker.advance': (ctx, input) => {
    const region = regionCode(ctx, input.region);
    advanceReturn(ctx.db, { region, period: input.period, to: input.to, reason: input.reason ?? null, user: ctx.user });
    return trackerRow(ctx.db, region, input.period);
  },
  'tracker.reopen': (ctx, input) => {
    const region = regionCode(ctx, input.region);
    reopenReturn(ctx.db, { region, period: input.period, reason: input.reason, user: ctx.user });
    return trackerRow(ctx.db, region, input.period);
  },
  'tracker.history': (ctx, input) =>
    returnHistory(ctx.db, { region: input.region ? regionCode(ctx, input.region) : undefined, period: input.period }),
  'tracker.exportMissing': (ctx, input) => exportMissing(ctx.db, input.period, path.resolve(input.out)),
  'catalogue.exportXlsx': (ctx, input) => exportCatalogueWorkbook(ctx.db, path.resolve(input.out)),
  'catalogue.importPreview': (ctx, input) => previewCatalogueImport(ctx.db, input.file),
  'catalogue.importCommit': (ctx, input) => commitCatalogueImport(ctx.db, input.file, ctx.user),
  'catalogue.importUndo': (ctx, input) => undoCatalogueImport(ctx.db, input.batchId, ctx.user),
  'catalogue.history': (ctx, input) => catalogueHistory(ctx.db, input.indicator, input.limit),
  'catalogue.setIndicator': (ctx, input) => ({ outcome: setIndicator(ctx.db, input, ctx.user) }),
  'catalogue.setTarget': (ctx, input) => ({ outcome: setTarget(ctx.db, input, ctx.user) }),
};
