import type { HistoryEntry, Observation } from '../../../shared/contract';
import { resolveRegion } from '../catalogue/read';
import { nowIso } from '../clock';
import { AppError } from '../errors';
import { applyObservationChange } from '../observations/write';
import type { CoreContext } from '../store';
import type { HandlerGroup } from './types';

function regionCode(ctx: CoreContext, nameOrCode: string): string {
  const r = resolveRegion(ctx.db, nameOrCode);
  if (!r) throw new AppError('not-found', `没有这个地区：${nameOrCode}`);
  return r.code;
}

function where(ctx: CoreContext, input: { indicator?: string; region?: string; period?: string }) {
  const clauses: string[] = [];
  const params: string[] = [];
  if (input.indicator) {
    clauses.push('indicator = ?');
    params.push(input.indicator);
  }
  if (input.region) {
    clauses.push('region = ?');
    params.push(regionCode(ctx, input.region));
  }
  if (input.period) {
    clauses.push('period = ?');
    params.push(input.period);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export const observationHandlers: HandlerGroup<'observations.list' | 'observations.set' | 'observations.history'> = {
  'observations.list': (ctx, input) => {
    const w = where(ctx, input);
    const rows = ctx.db
      .prepare(
        `SELECT indicator, region, period, value, note, source_kind AS sourceKind, batch_id AS batchId, file_name AS fileName,
           sheet, cell, updated_at AS updatedAt, updated_by AS updatedBy
         FROM observations ${w.sql} ORDER BY indicator, region, period`,
      )
      .all(...w.params);
    return rows as Observation[];
  },
  'observations.set': (ctx, input) => {
    const ind = ctx.db.prepare('SELECT code FROM indicators WHERE code = ?').get(input.indicator);
    if (!ind) throw new AppError('not-found', `没有这个指标：${input.indicator}`);
    const region = regionCode(ctx, input.region);
    const outcome = ctx.db.transaction(() =>
      applyObservationChange(ctx.db, {
        indicator: input.indicator,
        region,
        period: input.period,
        value: input.value,
        note: input.note,
        source: { kind: 'manual', reason: input.reason ?? null },
        user: ctx.user,
        at: nowIso(),
      }),
    )();
    return { outcome };
  },
  'observations.history': (ctx, input) => {
    const w = where(ctx, input);
    const rows = ctx.db
      .prepare(
        `SELECT id, indicator, region, period, old_value AS oldValue, new_value AS newValue, source_kind AS sourceKind,
           batch_id AS batchId, file_name AS fileName, sheet, cell, reason, os_user AS osUser, changed_at AS changedAt
         FROM observation_history ${w.sql} ORDER BY id DESC LIMIT ?`,
      )
      .all(...w.params, input.limit ?? 500);
    return rows as HistoryEntry[];
  },
};
