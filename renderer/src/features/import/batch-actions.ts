/** What 导入, 导入记录 and 省级汇总 do alike with a return once it has been read. */
import { invoke } from '../../api/client';
import { baseName, exportWorkbook } from '../../api/files';
import type { Translate } from '../../i18n';
import type { Run } from '../ui-b/common';
import type { DialogRequest } from '../ui-b/useDialog';

/** The question before 撤销 of an imported batch (just after the commit, or later from 导入记录). */
export function undoBatchRequest(t: Translate, fileName: string, values: number): DialogRequest {
  return {
    title: t('ub.import.undoTitle'),
    message: t('ub.import.undoMessage', { name: fileName, n: values }),
    confirmLabel: t('ub.import.undo'),
    danger: true,
  };
}

/**
 * Saves a return's 退回件 — the workbook with its refused cells marked, to
 * send back (import.errorsCopy). `file` is where the core reads the return.
 * Resolves to what to tell the person, or null when they cancelled.
 */
export async function saveErrorsCopy(file: string, fileName: string, run: Run, t: Translate): Promise<string | null> {
  const res = await exportWorkbook(t('ub.import.errorsCopyName', { name: fileName.replace(/\.xlsx$/i, '') }), t('ub.import.saveErrors'), (out) =>
    run(t('ub.import.savingErrors'), () => invoke('import.errorsCopy', { file, out })),
  );
  return res && t('ub.import.errorsSaved', { file: baseName(res.file), n: res.rejected });
}
