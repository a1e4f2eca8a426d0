// Browser mode with a damaged DB: instead of the app (which would crash or look empty), the server answers every
// page with a recovery page (Chinese) listing the good backups, each with a 恢复 button, a field for a backup file
// elsewhere, and — explicitly — "move the damaged file aside and start empty". Plain HTML forms, no script; its own
// CSP allows only posting back to this origin. After a successful recovery the gate closes and the app loads.
import type http from 'node:http';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { APP_NAME, BACKUP } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { backupDirFor } from '../paths';
import { formatSize, formatWhen, parseBackupName } from './files';
import { goodBackups } from './list';
import { recoverDatabase, startFresh, type Damaged } from './startup';

export interface RecoveryGate {
  /** True while the DB is still damaged: the server routes every request here. */
  active(): boolean;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, sameOrigin: boolean): void;
}

const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_CSP,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on the form posts.
    'referrer-policy': 'same-origin',
  });
  res.end(body);
}

const STYLE = `
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;background:#f5f6f8;color:#1f2933;margin:0}
main{max-width:880px;margin:40px auto;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:28px 32px}
h1{font-size:22px;color:#b42318;margin:0 0 12px}
p{line-height:1.7;margin:8px 0}
.problem{background:#fef3f2;border:1px solid #fecdca;border-radius:6px;padding:10px 14px;color:#912018;word-break:break-all}
table{width:100%;border-collapse:collapse;margin:12px 0 20px}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e5e7eb;font-size:14px;vertical-align:middle}
th{color:#52606d;font-weight:600;background:#f9fafb}
button{font:inherit;font-size:14px;padding:6px 16px;border-radius:6px;border:1px solid #1c64f2;background:#1c64f2;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#b42318;border-color:#b42318}
input[type=text]{font:inherit;font-size:14px;padding:6px 10px;width:520px;max-width:100%;border:1px solid #cbd2d9;border-radius:6px}
.newest{color:#027a48;font-size:12px;margin-left:6px}
.note{color:#52606d;font-size:13px}
section{margin-top:22px}
`;

function page(title: string, body: string, refresh = false): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)} — ${esc(APP_NAME)}</title>${
    refresh ? '<meta http-equiv="refresh" content="1;url=/">' : ''
  }<style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function listPage(state: Damaged, error: string | null): string {
  const backups = goodBackups(backupDirFor(state.file));
  const rows = backups
    .map(
      (b, i) => `<tr><td>${esc(formatWhen(b.createdAt))}${i === 0 ? `<span class="newest">最新</span>` : ''}</td>
<td>${esc(BACKUP.reasons[b.reason] ?? b.reason)}</td><td>${esc(b.street?.name ?? '')}</td>
<td>${esc(BACKUP.ui.countsLine(b.counts))}</td><td>${esc(formatSize(b.sizeBytes))}</td>
<td><form method="post" action="/recover"><input type="hidden" name="name" value="${esc(b.name ?? '')}"><button type="submit">${esc(
        BACKUP.recoverButton,
      )}</button></form></td></tr>`,
    )
    .join('');
  return page(
    BACKUP.damagedTitle,
    `<h1>${esc(BACKUP.damagedTitle)}</h1>
<p>${esc(BACKUP.damagedIntro(state.file))}</p>
<p class="problem">${esc(state.problem)}</p>
${error ? `<p class="problem" role="alert">${esc(BACKUP.recoverFailed)}：${esc(error)}</p>` : ''}
<p>${esc(BACKUP.damagedKeep)}</p>
${
  backups.length > 0
    ? `<section><p><strong>${esc(BACKUP.damagedChoose)}</strong></p><table><thead><tr><th>${esc(BACKUP.ui.at)}</th><th>${esc(
        BACKUP.ui.reason,
      )}</th><th>${esc(BACKUP.ui.street)}</th><th>${esc(BACKUP.ui.counts)}</th><th>${esc(BACKUP.ui.size)}</th><th></th></tr></thead><tbody>${rows}</tbody></table></section>`
    : `<p class="problem">${esc(BACKUP.damagedNoBackup)}</p>`
}
<section><p>${esc(BACKUP.damagedOtherFile)}</p>
<form method="post" action="/recover"><input type="text" name="path" aria-label="${esc(BACKUP.ui.restorePathLabel)}" placeholder="/media/U盘/streetgrid-备份.db">
<button type="submit">${esc(BACKUP.recoverFromPath)}</button></form></section>
<section><form method="post" action="/recover"><input type="hidden" name="fresh" value="1">
<button type="submit" class="secondary">${esc(BACKUP.damagedFresh)}</button></form>
<p class="note">${esc(BACKUP.damagedFreshNote)}</p></section>`,
  );
}

const MAX_FORM = 16 * 1024;

export function recoveryGate(state: Damaged, onRecovered: (db: StreetGridDb) => void): RecoveryGate {
  let active = true;
  let busy = false;

  const recover = async (form: URLSearchParams): Promise<string> => {
    const name = form.get('name');
    const given = form.get('path')?.trim();
    if (form.get('fresh') === '1') {
      const r = startFresh(state.file);
      active = false;
      onRecovered(r.db);
      return BACKUP.freshDone;
    }
    let file: string;
    if (name) {
      if (path.basename(name) !== name || !parseBackupName(name))
        throw new AppError('VALIDATION', BACKUP.notFound(name));
      file = path.join(backupDirFor(state.file), name);
    } else if (given) {
      if (!/^([a-zA-Z]:[\\/]|\\\\|\/)/.test(given)) throw new AppError('VALIDATION', BACKUP.pathNotAbsolute);
      file = path.resolve(given);
    } else throw new AppError('VALIDATION', BACKUP.pathRequired);
    const r = await recoverDatabase(state.file, file);
    active = false;
    onRecovered(r.db);
    const info = goodBackups(backupDirFor(state.file)).find((b) => b.path === file);
    return BACKUP.recovered(info ? formatWhen(info.createdAt) : path.basename(file));
  };

  return {
    active: () => active,
    handle(req, res, url, sameOrigin) {
      if (url.pathname === '/invoke') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ ok: false, error: { code: 'DB_REFUSED', message: BACKUP.restoreUnavailable } }));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/recover') {
        if (!sameOrigin) return send(res, 403, page(BACKUP.recoverFailed, '<p>拒绝访问：请求来源不可信。</p>'));
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_FORM) chunks.push(c);
        });
        req.on('end', () => {
          if (size > MAX_FORM) return send(res, 413, listPage(state, BACKUP.pathRequired));
          if (busy) return send(res, 409, listPage(state, '正在恢复，请稍候。'));
          busy = true;
          recover(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
            .then((message) =>
              send(res, 200, page(BACKUP.damagedTitle, `<h1 style="color:#027a48">${esc(message)}</h1>`, true)),
            )
            .catch((e: unknown) => {
              const msg = e instanceof AppError ? e.message : e instanceof Error ? e.message : String(e);
              send(res, 200, listPage(state, msg));
            })
            .finally(() => {
              busy = false;
            });
        });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, listPage(state, null));
      // Assets of the app are not needed while recovering; every page shows the recovery page.
      send(res, 503, listPage(state, null));
    },
  };
}
