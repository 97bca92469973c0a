/** The state of one asynchronous read, for stores and components. */
export type Load<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T; refreshing?: boolean }
  | { status: 'error'; message: string };

/** The plain-Chinese message of an error from the core (ApiError), or of anything else thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export function readyValue<T>(load: Load<T> | undefined): T | null {
  return load && load.status === 'ready' ? load.value : null;
}
