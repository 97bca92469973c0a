import Database from 'better-sqlite3';

/**
 * The desktop app loads a better-sqlite3 build made for Electron's ABI from a
 * separate file (see scripts/build-electron-sqlite.mjs); plain Node (tests,
 * CLI, browser mode) uses the one npm built. The shell sets this before the
 * first open; nothing else needs to know.
 */
let nativeBinding: string | undefined = process.env.YS_SQLITE_BINDING || undefined;

export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

export function connect(file: string, options: { readonly?: boolean } = {}): Database.Database {
  return new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}
