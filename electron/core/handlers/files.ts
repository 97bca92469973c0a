/**
 * files.chooseOpen / files.chooseSave are native dialogs: only the desktop
 * shell can show them, and electron/main answers them before the core is
 * asked. Anywhere else (CLI, browser mode, tests) they are a usage error.
 */
import { AppError } from '../errors';
import type { HandlerGroup } from './types';

const desktopOnly = (): never => {
  throw new AppError('usage', '此功能只在桌面程序中可用');
};

export const filesHandlers: HandlerGroup<'files.chooseOpen' | 'files.chooseSave'> = {
  'files.chooseOpen': desktopOnly,
  'files.chooseSave': desktopOnly,
};
