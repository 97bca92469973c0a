/** The backups folder as a list: what 设置 offers to restore from. */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile } from '../../../shared/contract';
import { describeIoError } from '../errors';

function kindOf(name: string): BackupFile['kind'] {
  if (name.startsWith('升级前备份-')) return 'pre-migration';
  if (name.startsWith('恢复前自动备份-')) return 'pre-restore';
  if (name.startsWith('备份-')) return 'manual';
  return 'other';
}

/** Every finished .db file in `dir` (not a half-written .part), newest first; none when the folder is not there yet. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw describeIoError(e, dir);
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    if (!name.toLowerCase().endsWith('.db')) continue;
    const file = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      continue; // gone meanwhile
    }
    if (!st.isFile()) continue;
    out.push({ file, name, bytes: st.size, modifiedAt: st.mtime.toISOString(), kind: kindOf(name) });
  }
  return out.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.name.localeCompare(b.name));
}
