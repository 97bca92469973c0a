/** Paths as the settings page shows them. Pure. */

/** The folder a backup goes to by default: backups/ beside the database file. */
export function defaultBackupDir(dbFile: string): string {
  const sep = dbFile.includes('\\') && !dbFile.includes('/') ? '\\' : '/';
  const i = dbFile.lastIndexOf(sep);
  return `${i >= 0 ? dbFile.slice(0, i) : '.'}${sep}backups`;
}
