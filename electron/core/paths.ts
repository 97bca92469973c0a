import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'yingshang-monitor';
export const DB_FILE_NAME = 'workstation.db';

/**
 * Where the data lives. The desktop app, the CLI and browser mode agree on it
 * (the Electron shell points app.getPath('userData') at the same folder), so
 * all three see one store. YS_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.YS_DATA_DIR) return path.resolve(env.YS_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), APP_FOLDER);
}

export function backupDirFor(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}
