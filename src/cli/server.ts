// Browser mode: the built renderer and the core API over HTTP on 127.0.0.1 only, for `npm start` on machines
// without the Electron binary, `npm run dev:web` and the e2e tests. Never started by the packaged Electron app.
// Defences: loopback bind, random port, a per-run token exchanged for an HttpOnly SameSite=Strict cookie,
// Host header check (DNS rebinding), Origin check on every API call, strict CSP on every page.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { invokeAsync, type Core } from '../core/api';
import type { RecoveryGate } from '../core/backup/recovery-page';
import { ERR } from '../shared/messages';
import { resolveStatic } from '../core/static';
import { CSP } from '../shared/csp';

export { resolveStatic };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

const MAX_BODY = 20 * 1024 * 1024;
const COOKIE = 'sg_token';

export interface ServerOptions {
  core: Core;
  /** A damaged DB at start-up: while active, every request goes to the recovery page (src/core/backup). */
  recovery?: RecoveryGate | undefined;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The URL with the token, the one to open. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function cookieToken(req: http.IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return null;
}

function sendText(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(message);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().includes(host)) return sendText(res, 403, ERR.forbidden);
    const url = new URL(req.url ?? '/', `http://${host}`);

    const given = url.searchParams.get('token');
    if (req.method === 'GET' && given !== null) {
      if (!safeEqual(given, token)) return sendText(res, 401, ERR.tokenMissing);
      url.searchParams.delete('token');
      res.writeHead(302, {
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + (url.search || '') + url.hash,
        'cache-control': 'no-store',
      });
      return res.end();
    }
    const cookie = cookieToken(req);
    if (!cookie || !safeEqual(cookie, token)) return sendText(res, 401, ERR.tokenMissing);

    if (opts.recovery?.active()) {
      const origin = req.headers.origin;
      return opts.recovery.handle(req, res, url, !!origin && allowedOrigins().includes(origin));
    }

    if (url.pathname === '/invoke') {
      if (req.method !== 'POST') return sendText(res, 405, ERR.forbidden);
      const origin = req.headers.origin;
      if (!origin || !allowedOrigins().includes(origin)) return sendText(res, 403, ERR.forbidden);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, ERR.forbidden);
      const chunks: Buffer[] = [];
      let size = 0;
      let aborted = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          aborted = true;
          sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: '请求过大。' } });
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (aborted) return;
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: ERR.invalidInput } });
        }
        const { method, input } = (body ?? {}) as { method?: unknown; input?: unknown };
        void invokeAsync(opts.core, method, input).then((r) => sendJson(res, 200, r));
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, ERR.forbidden);
    const file = resolveStatic(opts.rendererDir, url.pathname);
    if (!file) return sendText(res, 404, '未找到 / Not found');
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      port = typeof addr === 'object' && addr ? addr.port : 0;
      const url = `http://127.0.0.1:${port}/`;
      resolve({
        url,
        openUrl: `${url}?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
