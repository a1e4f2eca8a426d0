import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../helpers';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('streetgrid CLI', () => {
  it('init creates and migrates the DB for a real street; info --json prints it', () => {
    const db = path.join(tempDir(), 'a', 'streetgrid.db');
    const init = cli('init', '--db', db, '--street', '110101001');
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('东华门街道');
    const info = cli('info', '--db', db, '--json');
    expect(info.code).toBe(0);
    const j = JSON.parse(info.stdout) as {
      street: { code: string; name: string; district: string };
      communities: { code: string; name: string; officialName: string; kind: string }[];
      grids: number;
    };
    expect(j.street).toEqual({ code: '110101001', name: '东华门街道', district: '东城区' });
    expect(j.communities.length).toBeGreaterThan(5);
    expect(j.communities[0]).toEqual({
      code: '110101001001',
      name: '多福巷社区',
      officialName: '多福巷社区居委会',
      kind: 'community',
    });
    expect(j.grids).toBe(0);
  });

  it.each([['999999999'], ['12345'], ['abcdefghi']])(
    'init with a wrong street code %s exits non-zero in Chinese and creates nothing',
    (code) => {
      const dir = tempDir();
      const db = path.join(dir, 'streetgrid.db');
      const r = cli('init', '--db', db, '--street', code);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/街道代码/);
      expect(fs.readdirSync(dir)).toEqual([]);
    },
  );

  it('init refuses a DB that already has a street, leaving it untouched', () => {
    const db = path.join(tempDir(), 'streetgrid.db');
    expect(cli('init', '--db', db, '--street', '110101001').code).toBe(0);
    const r = cli('init', '--db', db, '--street', '110101002');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('已设置街道');
    expect(JSON.parse(cli('info', '--db', db, '--json').stdout).street.code).toBe('110101001');
  });

  it('info on a missing file or a foreign file fails clearly and creates nothing', () => {
    const dir = tempDir();
    const missing = cli('info', '--db', path.join(dir, 'none.db'), '--json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到数据库文件');
    const foreign = path.join(dir, 'foreign.db');
    fs.writeFileSync(foreign, 'hello');
    const r = cli('info', '--db', foreign);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不是有效的数据库文件');
    expect(fs.readFileSync(foreign, 'utf8')).toBe('hello');
    expect(fs.readdirSync(dir)).toEqual(['foreign.db']);
  });

  it('prints usage for unknown commands and missing options', () => {
    expect(cli('frobnicate').code).toBe(2);
    const r = cli('init', '--street', '110101001');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('缺少参数 --db');
  });
});
