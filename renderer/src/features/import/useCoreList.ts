import { useCallback, useEffect, useState } from 'react';
import { useImportStore } from '../../stores/ui-b-import';

/**
 * A list the core reads for a tab of 填报与导入, read again when `read`
 * changes (memoize it) and whenever an import or an undo has changed the
 * data. `rows` is null until the first read is back — and, with
 * `blankWhileReading`, during every read after it (a list of another quarter
 * must not pass for this one's). A failed read goes to `setError`, a good one
 * clears it.
 */
export function useCoreList<T>(read: () => Promise<T[]>, setError: (message: string | null) => void, { blankWhileReading = false } = {}) {
  const revision = useImportStore((s) => s.revision);
  const [rows, setRows] = useState<T[] | null>(null);

  const reload = useCallback(async () => {
    try {
      setRows(await read());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [read, setError]);

  useEffect(() => {
    if (blankWhileReading) setRows(null);
    void reload();
  }, [reload, revision, blankWhileReading]);

  return { rows, setRows, reload };
}
