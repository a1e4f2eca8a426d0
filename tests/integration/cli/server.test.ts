import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/cli/server';
import { coreFor, openTemp, tempDir } from '../../helpers';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function request(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

async function start(): Promise<RunningServer> {
  const renderer = tempDir();
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>街道网格通</title>');
  fs.mkdirSync(path.join(renderer, 'assets'));
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(renderer), 'secret.txt'), 'secret');
  server = await startServer({ core: coreFor(openTemp()), rendererDir: renderer });
  return server;
}

describe('browser-mode server', () => {
  it('binds to 127.0.0.1 on a random port and exchanges the token for a strict cookie', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(s.port).toBeGreaterThan(0);
    const host = { host: `127.0.0.1:${s.port}` };
    const noToken = await request(s.port, { headers: host });
    expect(noToken.status).toBe(401);
    expect(noToken.body).toContain('访问令牌无效');
    const bad = await request(s.port, { path: '/?token=wrong', headers: host });
    expect(bad.status).toBe(401);
    const good = await request(s.port, { path: `/?token=${s.token}`, headers: host });
    expect(good.status).toBe(302);
    expect(good.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = `sg_token=${s.token}`;
    const page = await request(s.port, { headers: { ...host, cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('街道网格通');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign Origins on the API', async () => {
    const s = await start();
    const cookie = `sg_token=${s.token}`;
    const evilHost = await request(s.port, { headers: { host: 'evil.example:80', cookie } });
    expect(evilHost.status).toBe(403);
    const body = JSON.stringify({ method: 'app.status', input: {} });
    const json = { 'content-type': 'application/json', host: `127.0.0.1:${s.port}`, cookie };
    const noOrigin = await request(s.port, { method: 'POST', path: '/invoke', headers: json, body });
    expect(noOrigin.status).toBe(403);
    const evil = await request(s.port, {
      method: 'POST',
      path: '/invoke',
      headers: { ...json, origin: 'http://evil.example' },
      body,
    });
    expect(evil.status).toBe(403);
    const okRes = await request(s.port, {
      method: 'POST',
      path: '/invoke',
      headers: { ...json, origin: `http://127.0.0.1:${s.port}` },
      body,
    });
    expect(okRes.status).toBe(200);
    expect(JSON.parse(okRes.body)).toMatchObject({ ok: true, data: { initialized: false, mode: 'cli' } });
  });

  it('serves the API envelope for bad input and does not leak files outside the renderer folder', async () => {
    const s = await start();
    const headers = { host: `127.0.0.1:${s.port}`, cookie: `sg_token=${s.token}` };
    const api = { ...headers, 'content-type': 'application/json', origin: `http://127.0.0.1:${s.port}` };
    const bad = await request(s.port, { method: 'POST', path: '/invoke', headers: api, body: '{not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const invalid = await request(s.port, {
      method: 'POST',
      path: '/invoke',
      headers: api,
      body: JSON.stringify({ method: 'street.setup', input: { streetCode: '1' } }),
    });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { field: 'streetCode' } });
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const r = await request(s.port, { path: p, headers });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('secret');
    }
    const asset = await request(s.port, { path: '/assets/app.js', headers });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
  });
});
