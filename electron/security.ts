// Electron's security checklist, in one place, as plain functions that electron/main.ts applies and that
// tests/unit/electron/security.test.ts checks without needing the Electron binary.
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Session,
  WebContents,
  WebFrameMain,
  WindowOpenHandlerResponse,
} from 'electron';
import { CSP } from '../src/shared/csp';

export { CSP };

/** App content is served over app://streetgrid/ (see main.ts), never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'streetgrid';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function webPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: true,
  };
}

export function mainWindowOptions(preloadPath: string, title: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title,
    show: false,
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    webPreferences: webPreferences(preloadPath),
  };
}

/** Only our own app:// pages may be navigated to. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** No window may be opened by content, ever. */
export function windowOpenHandler(_details?: HandlerDetails): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** Guards applied to every WebContents the app creates (main window and any later window). */
export function hardenContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(windowOpenHandler);
}

/** Permissions (camera, notifications, geolocation…) are all refused; headers carry the CSP. */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

/** An IPC call is served only for our main window's top frame showing our own page. */
export function isTrustedSender(
  senderFrame: Pick<WebFrameMain, 'url'> | null | undefined,
  mainFrame: Pick<WebFrameMain, 'url'> | null | undefined,
): boolean {
  if (!senderFrame || !mainFrame) return false;
  if (senderFrame !== mainFrame) return false;
  return isAllowedNavigation(senderFrame.url);
}
