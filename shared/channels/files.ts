/**
 * Native file dialogs of the desktop shell. The Electron main process answers
 * these two channels itself (electron/main/index.ts shows the dialog on the
 * window); the core, the CLI and browser mode refuse them with a usage error
 * — in browser mode the page uploads and downloads through the web server
 * instead (renderer/src/api/files.ts). Imports only zod.
 */
import { z } from 'zod';

const FileFilterSchema = z
  .object({
    name: z.string().min(1).max(200),
    extensions: z.array(z.string().min(1).max(20).regex(/^[A-Za-z0-9*]+$/, '扩展名只能含字母和数字')).min(1).max(20),
  })
  .strict();

/** The chosen path; null when the person cancelled the dialog. */
const chosen = z.object({ path: z.string().min(1).nullable() });

export const filesChannels = {
  'files.chooseOpen': {
    input: z
      .object({
        title: z.string().max(200).optional(),
        filters: z.array(FileFilterSchema).max(10).optional(),
      })
      .strict(),
    output: chosen,
  },
  'files.chooseSave': {
    input: z
      .object({
        title: z.string().max(200).optional(),
        /** A file name (no folder): the dialog opens in the Documents folder with this name. */
        suggestedName: z.string().min(1).max(255),
        filters: z.array(FileFilterSchema).max(10).optional(),
      })
      .strict(),
    output: chosen,
  },
} as const;

export const FILE_CHANNELS = ['files.chooseOpen', 'files.chooseSave'] as const;
export type FileChannel = (typeof FILE_CHANNELS)[number];
