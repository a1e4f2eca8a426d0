import { describe, expect, it } from 'vitest';
import { callAsync } from '../../../src/core/api';
import { readBook } from '../../fixtures/excel';
import { fails, ok } from '../../helpers';
import { seededCore } from './support';

describe('操作日志: filters, search, export', () => {
  it('filters by object, by local date range and by text (summary or operator); lists the object types', async () => {
    const core = seededCore(10);
    ok(core, 'settings.update', { operatorName: '王芳' });
    await callAsync(core, 'backup.create', {});
    const member = core.db.sqlite.prepare('select id, name from member limit 1').get() as { id: number; name: string };
    ok(core, 'members.reveal', { id: member.id, field: 'idNumber' });

    const all = ok(core, 'audit.search', {});
    expect(all.total).toBeGreaterThan(3);
    const backups = ok(core, 'audit.search', { entity: 'backup' });
    expect(backups.rows.every((r) => r.entity === 'backup')).toBe(true);
    expect(backups.rows[0]?.operator).toBe('王芳');

    const reveal = ok(core, 'audit.search', { q: '完整身份证号' });
    expect(reveal.total).toBe(1);
    expect(reveal.rows[0]).toMatchObject({ action: 'reveal', entity: 'member', entityId: member.id, operator: '王芳' });
    expect(reveal.rows[0]!.summary).toContain(member.name);
    expect(ok(core, 'audit.search', { q: '王芳' }).total).toBe(2);
    // LIKE wildcards are taken literally.
    expect(ok(core, 'audit.search', { q: '%' }).total).toBe(0);

    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(ok(core, 'audit.search', { from: today, to: today }).total).toBe(all.total);
    expect(ok(core, 'audit.search', { to: '2020-01-01' }).total).toBe(0);
    expect(ok(core, 'audit.search', { from: '2099-01-01' }).total).toBe(0);
    expect(fails(core, 'audit.search', { from: '2026-02-01', to: '2026-01-01' }).message).toMatch(
      /截止日期不能早于起始日期/,
    );
    expect(fails(core, 'audit.search', { from: '2026/01/01' }).code).toBe('VALIDATION');

    const entities = ok(core, 'audit.entities', {});
    expect(entities.map((e) => e.entity)).toEqual(expect.arrayContaining(['backup', 'member', 'settings', 'street']));
    expect(entities.reduce((n, e) => n + e.count, 0)).toBe(ok(core, 'audit.search', {}).total);
  });

  it('exports the filtered log to Excel with readable before/after, masked ID numbers and phones, and logs the export', async () => {
    const core = seededCore(5);
    const m = core.db.sqlite
      .prepare('select id, id_number as idNumber, phone from member where phone is not null limit 1')
      .get() as {
      id: number;
      idNumber: string;
      phone: string;
    };
    // Even a row that (wrongly) holds a full ID number and phone is masked in the export.
    core.db.sqlite
      .prepare(
        "insert into audit (at, operator, action, entity, entity_id, summary, before, after, change_seq) values (?, '测试', 'update', 'member', ?, '旧数据', ?, ?, 0)",
      )
      .run(
        new Date().toISOString(),
        m.id,
        JSON.stringify({ idNumber: m.idNumber, phone: m.phone }),
        JSON.stringify({ phone: '13900000000' }),
      );
    const file = await callAsync(core, 'audit.export', { entity: 'member' });
    expect(file.fileName).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = await readBook(file.base64);
    expect(book.sheetNames).toEqual(['操作日志']);
    expect(book.rows[0]).toEqual(['时间', '操作员', '操作', '对象', '内容', '修改前', '修改后']);
    const text = JSON.stringify(book.rows);
    expect(text).not.toContain(m.idNumber);
    expect(text).not.toContain(m.phone);
    expect(text).not.toContain('13900000000');
    expect(text).toContain('139****0000');
    expect(book.rows.slice(1).every((r) => r[3] === '党员')).toBe(true);
    const logged = ok(core, 'audit.search', { entity: 'audit' });
    expect(logged.rows[0]?.summary).toMatch(/导出操作日志（\d+ 条）/);
  });
});
