// The CLI as a user runs it: package export / pubkey / verify / history, district register / merge / status.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../helpers';
import { rezip, sha } from './support';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('streetgrid package / district', () => {
  it('export, pubkey, verify, register, merge, status; failures exit 1 with the reason in Chinese', async () => {
    const dir = tempDir('sg-xcli-');
    const db = path.join(dir, 'street.db');
    expect(cli('init', '--db', db, '--street', '110101003').code).toBe(0);
    expect(cli('seed', '--db', db, '--demo', '--members', '80').code).toBe(0);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);

    const exp = cli('package', 'export', '--db', db, '--out', out);
    expect(exp.stderr).toBe('');
    expect(exp.code).toBe(0);
    expect(exp.stdout).toContain('这是第一次导出，将导出全量数据');
    expect(exp.stdout).toContain('已脱敏');
    const zip = path.join(out, fs.readdirSync(out)[0]!);

    const pub = cli('package', 'pubkey', '--db', db, '--out', dir);
    expect(pub.code).toBe(0);
    const fp = /指纹（电话核对用）：([0-9A-F-]+)/.exec(pub.stdout)![1]!;
    expect(fp).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    const pubFile = path.join(dir, 'streetgrid-110101003.pub.json');

    const v = cli('package', 'verify', zip, '--pubkey', pubFile);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('交道口街道（110101003）');
    expect(v.stdout).toContain(`签名：有效（密钥 ${fp}）`);
    expect(v.stdout).toContain('验证通过');
    const noKey = cli('package', 'verify', zip);
    expect(noKey.code).toBe(0);
    expect(noKey.stdout).toContain('签名：未核对');

    const bad = await rezip(zip, path.join(dir, 'bad.zip'), { manifest: (m) => void (m.seq = 9) });
    const vb = cli('package', 'verify', bad, '--pubkey', pubFile);
    expect(vb.code).toBe(1);
    expect(vb.stderr).toContain('被拒绝：签名验证失败');
    expect(cli('package', 'verify').code).toBe(2);

    const district = path.join(dir, 'district.db');
    const wrongFp = cli(
      'district',
      'register',
      '--db',
      district,
      '--pubkey',
      pubFile,
      '--fingerprint',
      '0000-0000-0000-0000',
    );
    expect(wrongFp.code).toBe(1);
    expect(wrongFp.stderr).toContain('公钥指纹不符');
    const reg = cli('district', 'register', '--db', district, '--pubkey', pubFile, '--fingerprint', fp.toLowerCase());
    expect(reg.code).toBe(0);
    expect(reg.stdout).toContain(`指纹 ${fp}`);

    const before = sha(district);
    const mb = cli('district', 'merge', '--db', district, bad);
    expect(mb.code).toBe(1);
    expect(mb.stderr).toContain('未写入任何数据');
    expect(sha(district)).toBe(before);

    const m = cli('district', 'merge', '--db', district, zip);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('交道口街道 第 1 批');
    // The refused merge took no backup (nothing was going to be written); the applied one backed the district file
    // up first, next to it, as a checked self-contained copy.
    const backups = path.join(path.dirname(district), 'backups', path.basename(district).replace(/\.[^.]*$/, ''));
    const taken = fs.readdirSync(backups).filter((f) => f.endsWith('-merge.db'));
    expect(taken).toHaveLength(1);
    const copy = new Database(path.join(backups, taken[0]!), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    const st = cli('district', 'status', '--db', district, '--json');
    expect(st.code).toBe(0);
    const s = JSON.parse(st.stdout) as { streetCode: string; totals: { members: number } }[];
    expect(s[0]!.streetCode).toBe('110101003');
    expect(s[0]!.totals.members).toBeGreaterThan(0);

    const hist = cli('package', 'history', '--db', db);
    expect(hist.stdout).toContain('第 1 批');

    // A street DB given as district DB is refused untouched.
    const sb = sha(db);
    const wrong = cli('district', 'merge', '--db', db, zip);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('不是区级汇总数据库');
    expect(sha(db)).toBe(sb);
  });
});
