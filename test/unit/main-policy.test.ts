import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultBackupName, electronSqliteBinding, isAppUrl } from '../../electron/main/policy';

describe('desktop shell policy (pure parts)', () => {
  const rendererIndex = path.resolve('/opt/app/out/renderer/index.html');
  const fileUrl = pathToFileURL(rendererIndex).href;

  it('trusts exactly our built page over file://', () => {
    expect(isAppUrl(fileUrl, { rendererIndex })).toBe(true);
    expect(isAppUrl(`${fileUrl}#/catalogue`, { rendererIndex })).toBe(true);
    expect(isAppUrl(`${fileUrl}?x=1`, { rendererIndex })).toBe(true);
    expect(isAppUrl(pathToFileURL(path.resolve('/opt/app/out/renderer/other.html')).href, { rendererIndex })).toBe(false);
    expect(isAppUrl(pathToFileURL(path.resolve('/tmp/index.html')).href, { rendererIndex })).toBe(false);
    expect(isAppUrl('file://evil-host/opt/app/out/renderer/index.html', { rendererIndex })).toBe(false);
    expect(isAppUrl('https://evil.example/', { rendererIndex })).toBe(false);
    expect(isAppUrl('about:blank', { rendererIndex })).toBe(false);
    expect(isAppUrl('', { rendererIndex })).toBe(false);
    expect(isAppUrl(undefined, { rendererIndex })).toBe(false);
    expect(isAppUrl('not a url', { rendererIndex })).toBe(false);
  });

  it('trusts the dev server origin only in development', () => {
    const devUrl = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/index.html', { rendererIndex, devUrl })).toBe(true);
    expect(isAppUrl('http://localhost:5174/', { rendererIndex, devUrl })).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', { rendererIndex, devUrl })).toBe(false);
    expect(isAppUrl('http://localhost:5173/', { rendererIndex })).toBe(false);
  });

  it('finds the Electron build of better-sqlite3 where the build script and the installer put it', () => {
    const seen: string[] = [];
    const exists = (p: string) => (seen.push(p), true);
    expect(electronSqliteBinding({ isPackaged: false, resourcesPath: '/r', appPath: '/proj', exists })).toBe(
      path.join('/proj', 'native', 'electron', 'better_sqlite3.node'),
    );
    expect(electronSqliteBinding({ isPackaged: true, resourcesPath: '/r', appPath: '/r/app.asar', exists })).toBe(
      path.join('/r', 'native', 'better_sqlite3.node'),
    );
    expect(electronSqliteBinding({ isPackaged: true, resourcesPath: '/r', appPath: '/x', exists: () => false })).toBeUndefined();
  });

  it('names backups by date and time', () => {
    expect(defaultBackupName(new Date(2026, 0, 5, 9, 7))).toBe('营商环境数据备份-20260105-0907.db');
  });
});
