import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { call } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import { memberRecord, MEMBER_HEADERS, readBook, workbook } from '../../fixtures/excel';
import { ROOT, tempDir } from '../../helpers';

/** A database with the street set up, made in-process (each CLI spawn costs about a second). */
function streetDb(dir: string): string {
  const file = path.join(dir, 'streetgrid.db');
  const db = openDatabase({ file });
  try {
    call({ db, mode: 'cli' }, 'street.setup', { streetCode: '110101001' });
  } finally {
    db.close();
  }
  return file;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('streetgrid import / export / template / list', () => {
  it('imports a good file (exit 0, summary), refuses a bad one (exit 1, one line per problem), exports and lists', async () => {
    const dir = tempDir();
    const db = streetDb(dir);

    const good = path.join(dir, 'good.xlsx');
    fs.writeFileSync(
      good,
      await workbook(
        MEMBER_HEADERS,
        [1, 2, 3].map((i) => memberRecord(i)),
      ),
    );
    const ok = cli('import', '--db', db, '--kind', 'members', good);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe('导入成功：党员 3 人（新增 3，更新 0）。');

    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(
      bad,
      await workbook(MEMBER_HEADERS, [
        memberRecord(4),
        memberRecord(5, '多福巷社区', { 身份证号: 1.1010519491231e17 }),
        memberRecord(1, '多福巷社区', { 手机号: '123' }),
      ]),
    );
    const no = cli('import', '--db', db, '--kind', 'members', bad);
    expect(no.code).toBe(1);
    expect(no.stderr.trim().split('\n')).toEqual([
      '导入失败，未写入任何数据。共 3 个问题：',
      '第 3 行「身份证号」：身份证号被 Excel 转成了数字，请把该列设为文本后重新填写',
      '第 4 行「身份证号」：身份证号已登记在党员「李磊霞」名下。如要用本表更新已有党员，请选择“更新已有记录”后重新导入',
      '第 4 行「手机号」：手机号格式不正确（应为 11 位中国大陆手机号）',
    ]);

    const list = cli('list', '--db', db, '--kind', 'members', '--json', '--limit', '2');
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveProperty('idMasked');
    expect(rows[0]).toHaveProperty('phoneMasked');
    expect(rows[0]).not.toHaveProperty('idNumber');
    expect(list.stdout).not.toContain(String(memberRecord(1).身份证号));

    const out = path.join(dir, 'out', '党员.xlsx');
    const exp = cli('export', '--db', db, '--kind', 'members', '--community', '110101001001', out);
    expect(exp.code).toBe(0);
    expect(exp.stdout).toContain('已导出党员名单');
    const book = await readBook(fs.readFileSync(out));
    expect(book.rows).toHaveLength(4);
    expect(book.rows[1]![4]).toMatch(/\*{8}/);
  });

  it('template writes the file without a database; a wrong kind is a usage error (in-process main)', async () => {
    const dir = tempDir();
    const t = path.join(dir, 'units.xlsx');
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    const so = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const se = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      expect(await main(['template', '--kind', 'units', t])).toBe(0);
      expect(await main(['template', '--kind', 'people', t])).toBe(2);
      expect(await main(['list', '--kind', 'units'])).toBe(2);
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
    expect(written.join('')).toContain('未知的类别：people');
    expect(written.join('')).toContain('缺少参数 --db');
    expect((await readBook(fs.readFileSync(t))).sheetNames).toEqual(['驻区单位', '填写说明']);
  });
});
