/**
 * Hardening of every web contents the app creates: a strict CSP header, no
 * navigation, no new windows, no webviews, no permissions.
 */
import { app, session, type Session, type WebContents } from 'electron';
import { CSP, DEV_CSP } from '../../shared/csp';

export function hardenSession(ses: Session, dev: boolean): void {
  const policy = dev ? DEV_CSP : CSP;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Call once at start-up, before any window exists. */
export function installSecurity(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

/** Call once the app is ready, before the first window loads. */
export function hardenDefaultSession(dev: boolean): void {
  hardenSession(session.defaultSession, dev);
}
