import { channels, isChannel, type Channel, type ChannelOutput, type InvokeResult } from '../../shared/contract';
import { checkpointSoon } from './db/checkpoint';
import { AppError, isAppError } from './errors';
import { handlers } from './handlers';
import type { HandlerHooks } from './handlers/types';
import type { CoreContext } from './store';

function zodMessage(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') + '：' : ''}${i.message}`)
    .join('；');
}

/**
 * Validates the input against the contract, runs the handler, validates the
 * output. Never throws: errors come back as plain Chinese sentences.
 */
export async function invoke<C extends Channel>(
  ctx: CoreContext,
  channel: C | string,
  rawInput: unknown,
  hooks: HandlerHooks = {},
): Promise<InvokeResult<ChannelOutput<C>>> {
  try {
    if (!isChannel(channel)) throw new AppError('usage', `未知的请求：${String(channel)}`);
    const spec = channels[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw new AppError('usage', `请求内容不合法：${zodMessage(parsed.error.issues)}`);
    const handler = handlers[channel] as (c: CoreContext, i: unknown, h: HandlerHooks) => unknown;
    let result: unknown;
    try {
      result = await handler(ctx, parsed.data, hooks);
    } finally {
      // Whatever the request wrote goes into the database file after it has answered (db/checkpoint.ts).
      checkpointSoon(ctx);
    }
    const out = spec.output.safeParse(result);
    if (!out.success) {
      throw new AppError('storage', `内部错误：${channel} 的结果不符合约定（${zodMessage(out.error.issues)}）`);
    }
    return { ok: true, value: out.data as ChannelOutput<C> };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: { kind: e.kind, message: e.message, details: e.details } };
    const err = e as NodeJS.ErrnoException;
    const message =
      err?.code === 'SQLITE_FULL' || err?.code === 'ENOSPC'
        ? '磁盘空间已满，操作已取消，数据未改动。请清理磁盘后重试。'
        : err?.code === 'SQLITE_READONLY' || err?.code === 'EROFS'
          ? '数据文件是只读的，操作已取消，数据未改动。'
          : err?.code === 'SQLITE_BUSY'
            ? '数据库正被另一个程序使用，请稍后重试。'
            : `操作失败：${err?.message ?? String(e)}`;
    return { ok: false, error: { kind: 'storage', message } };
  }
}
