import os from 'node:os';

/** Who is at the keyboard, for the history. */
export function osUser(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
