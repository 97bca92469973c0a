/**
 * The one handler table. Every shell (Electron IPC, browser mode, CLI) serves
 * exactly this, through `invoke` in dispatch.ts.
 */
import type { Channel } from '../../shared/contract';
import { appHandlers } from './handlers/app';
import { backupHandlers } from './handlers/backup';
import { catalogueHandlers } from './handlers/catalogue';
import { observationHandlers } from './handlers/observations';
import { reportHandlers } from './handlers/reports';
import { trackerHandlers } from './handlers/tracker';
import { returnsHandlers } from './handlers/returns';
import { consolidateHandlers } from './handlers/consolidate';
import { filesHandlers } from './handlers/files';
import type { Handler } from './handlers/types';

export const handlers: { [C in Channel]: Handler<C> } = {
  ...appHandlers,
  ...catalogueHandlers,
  ...observationHandlers,
  ...backupHandlers,
  ...reportHandlers,
  ...trackerHandlers,
  ...returnsHandlers,
  ...consolidateHandlers,
  ...filesHandlers,
};
