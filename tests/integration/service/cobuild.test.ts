// 共建协议 / 服务岗位与认领 / 志愿服务队 through the contract (the same `invoke` path the UI uses), against real
// SQLite temp files; the agreement PDF through real Chromium, read back with poppler; the CLI as a child process.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { callAsync, type Core } from '../../../src/core/api';
import { closePdfRenderer } from '../../../src/core/documents/pdf-port';
import { localToday } from '../../../src/core/services/agreements';
import { matchSkills } from '../../../src/core/services/posts';
import type { Input } from '../../../src/shared/contract';
import { fails, ok, ROOT, snapshot, streetCore, tempDir } from '../../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

afterAll(async () => {
  await closePdfRenderer();
});

/** A valid ID number with the given birth date and sequence (odd = male). */
function makeId(birth: string, seq: number): string {
  const body = `110101${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i]!;
  return body + '10X98765432'[s % 11]!;
}

/** Today ± n days, local time (the rules use the office's local date). */
function day(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return localToday(d);
}

let seq = 1;
function member(core: Core, communityId: number, name: string, extra: Record<string, unknown> = {}) {
  seq += 2;
  return ok(core, 'members.create', {
    name,
    idNumber: makeId('1980-01-01', seq),
    communityId,
    category: 'employed',
    phone: '13812345678',
    ...extra,
  } as Input<'members.create'>);
}

function setup() {
  const core = streetCore('110101001');
  const [a, b] = ok(core, 'communities.list', {});
  const unit = ok(core, 'units.create', { name: '东城区税务局', type: 'organ', communityId: a!.id });
  const unit2 = ok(core, 'units.create', { name: '北京市第一医院', type: 'hospital' });
  return { core, c1: a!.id, c1Name: a!.name, c2: b!.id, unit: unit.id, unit2: unit2.id };
}

function auditFor(core: Core, entity: string, entityId: number) {
  return ok(core, 'audit.list', { entity, entityId }).rows;
}

// ---------------------------------------------------------------------------------------------- agreements

describe('co-building agreements and commitments', () => {
  it('creates an agreement with commitments, lists it with counts, and writes audit rows', () => {
    const { core, c1, c1Name, unit } = setup();
    const a = ok(core, 'agreements.create', {
      unitId: unit,
      communityId: c1,
      year: 2026,
      areas: ['party', 'safety'],
      signatoryA: '王书记',
      signatoryB: '李局长',
      liaisonPerson: '赵联络',
      liaisonPhone: '010-65123456',
      dutiesA: '为乙方党员报到提供条件',
      dutiesB: '开放会议室',
      commitments: [
        { content: '每季度开展一次政策宣讲', area: 'party', dueDate: day(-10) },
        { content: '组织治安巡逻', area: 'safety', dueDate: day(30), status: 'in_progress' },
        { content: '捐赠图书', dueDate: day(-5), status: 'done', evidenceDate: day(-6), evidenceNote: '照片 3 张' },
      ],
    });
    expect(a.title).toBe(`2026年度${c1Name}与东城区税务局共驻共建协议`);
    expect(a.commitments.map((c) => [c.sortOrder, c.overdue])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    expect(a).toMatchObject({
      unitName: '东城区税务局',
      communityName: c1Name,
      commitmentCount: 3,
      statusCounts: { pending: 1, in_progress: 1, done: 1, unfulfilled: 0 },
      overdueCount: 1,
    });
    const list = ok(core, 'agreements.list', { year: 2026 });
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ id: a.id, overdueCount: 1, communityName: c1Name });
    expect(ok(core, 'agreements.list', { q: '税务' }).total).toBe(1);
    expect(ok(core, 'agreements.list', { year: 2025 }).total).toBe(0);
    expect(ok(core, 'agreements.list', { communityId: null }).total).toBe(0);

    const log = auditFor(core, 'agreement', a.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'create', summary: expect.stringContaining('东城区税务局') });
    for (const c of a.commitments) expect(auditFor(core, 'commitment', c.id)).toHaveLength(1);
  });

  it('street-wide agreements show 全街道; overdueOnly filters by overdue commitments', () => {
    const { core, c1, unit, unit2 } = setup();
    const street = ok(core, 'agreements.create', { unitId: unit2, year: 2026, areas: ['health'] });
    expect(street.communityName).toBe('全街道');
    expect(street.communityId).toBeNull();
    const a = ok(core, 'agreements.create', { unitId: unit, communityId: c1, year: 2026, areas: ['party'] });
    const c = ok(core, 'commitments.create', { agreementId: a.id, content: '宣讲', dueDate: day(-1) });
    expect(c.overdue).toBe(true);
    expect(ok(core, 'agreements.list', { overdueOnly: true }).rows.map((r) => r.id)).toEqual([a.id]);
    expect(ok(core, 'agreements.list', { communityId: null }).rows.map((r) => r.id)).toEqual([street.id]);
    expect(ok(core, 'agreements.list', { unitId: unit2 }).rows.map((r) => r.id)).toEqual([street.id]);

    // Due today is not overdue yet; done is never overdue; 未履行 past due is.
    ok(core, 'commitments.update', { id: c.id, dueDate: day(0) });
    expect(ok(core, 'agreements.get', { id: a.id }).overdueCount).toBe(0);
    ok(core, 'commitments.update', { id: c.id, dueDate: day(-3), status: 'unfulfilled' });
    expect(ok(core, 'agreements.get', { id: a.id }).overdueCount).toBe(1);
    const done = ok(core, 'commitments.update', { id: c.id, status: 'done', evidenceDate: day(0) });
    expect(done.overdue).toBe(false);
    expect(ok(core, 'agreements.list', { overdueOnly: true }).total).toBe(0);
  });

  it.each([
    [{ year: 1999 }, 'year', '年度应在 2000 年至 2100 年之间'],
    [{ year: 2101 }, 'year', '年度'],
    [{ areas: [] }, 'areas', '请至少选择一个四联领域'],
    [{ areas: ['party', 'party'] }, 'areas', '四联领域有重复'],
    [{ areas: ['联党建'] }, 'areas.0', '四联领域'],
    [{ unitId: undefined }, 'unitId', '驻区单位'],
    [{ liaisonPhone: '123' }, 'liaisonPhone', '联络人电话'],
    [{ signedDate: '2026-02-30' }, 'signedDate', '签订日期'],
    [{ dutiesA: 'x'.repeat(2001) }, 'dutiesA', '甲方职责'],
    [{ extra: 1 }, '', '无法识别的字段'],
    [{ commitments: [{ content: '' }] }, 'commitments.0.content', '承诺内容'],
    [{ commitments: [{ content: '巡逻', area: 'health' }] }, 'commitments.0.area', '联卫生'],
    [{ commitments: [{ content: '巡逻', status: 'done' }] }, 'commitments.0.evidenceDate', '佐证日期'],
  ])('agreements.create refuses %j naming the field, nothing written', (patch, field, text) => {
    const { core, c1, unit } = setup();
    const before = snapshot(core.db);
    const e = fails(core, 'agreements.create', {
      unitId: unit,
      communityId: c1,
      year: 2026,
      areas: ['party', 'safety'],
      ...patch,
    });
    expect(e.code).toBe('VALIDATION');
    expect(e.field ?? '').toBe(field);
    expect(e.message).toContain(text);
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(snapshot(core.db)).toEqual(before);
  });

  it('refuses a missing unit, a retired community and a duplicate agreement for the same year', () => {
    const { core, c1, c2, unit } = setup();
    ok(core, 'agreements.create', { unitId: unit, communityId: c1, year: 2026, areas: ['party'] });
    ok(core, 'communities.retire', { id: c2 });
    const before = snapshot(core.db);
    expect(fails(core, 'agreements.create', { unitId: 999, year: 2026, areas: ['party'] })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'unitId',
    });
    expect(
      fails(core, 'agreements.create', { unitId: unit, communityId: c2, year: 2026, areas: ['party'] }),
    ).toMatchObject({ field: 'communityId', message: expect.stringContaining('撤销') });
    expect(
      fails(core, 'agreements.create', { unitId: unit, communityId: c1, year: 2026, areas: ['health'] }),
    ).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('2026 年度') });
    expect(snapshot(core.db)).toEqual(before);
    // Another year, or street-wide, is a different agreement.
    ok(core, 'agreements.create', { unitId: unit, communityId: c1, year: 2027, areas: ['party'] });
    ok(core, 'agreements.create', { unitId: unit, year: 2026, areas: ['party'] });
  });

  it('commitment rules: 已完成 needs an evidence date not in the future; area must be in the agreement', () => {
    const { core, c1, unit } = setup();
    const a = ok(core, 'agreements.create', { unitId: unit, communityId: c1, year: 2026, areas: ['party'] });
    const c = ok(core, 'commitments.create', { agreementId: a.id, content: '党课', area: 'party', dueDate: day(20) });
    const before = snapshot(core.db);
    expect(fails(core, 'commitments.update', { id: c.id, status: 'done' })).toMatchObject({
      code: 'VALIDATION',
      field: 'evidenceDate',
      message: expect.stringContaining('已完成'),
    });
    expect(fails(core, 'commitments.update', { id: c.id, status: 'done', evidenceDate: day(1) })).toMatchObject({
      field: 'evidenceDate',
      message: expect.stringContaining('不能晚于今天'),
    });
    expect(fails(core, 'commitments.update', { id: c.id, status: 'finished' })).toMatchObject({ field: 'status' });
    expect(fails(core, 'commitments.update', { id: c.id, dueDate: '2026/01/01' })).toMatchObject({
      field: 'dueDate',
      message: expect.stringContaining('完成时限'),
    });
    expect(fails(core, 'commitments.update', { id: c.id, area: 'safety' })).toMatchObject({
      field: 'area',
      message: expect.stringContaining('联平安创建'),
    });
    expect(fails(core, 'commitments.create', { agreementId: 999, content: 'x' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'agreementId',
    });
    expect(fails(core, 'commitments.create', { agreementId: a.id, content: '   ' })).toMatchObject({
      field: 'content',
      message: expect.stringContaining('不能为空'),
    });
    // An area still used by a commitment cannot be taken off the agreement.
    expect(fails(core, 'agreements.update', { id: a.id, areas: ['safety'] })).toMatchObject({
      code: 'CONFLICT',
      field: 'areas',
      message: expect.stringContaining('1 项承诺事项'),
    });
    expect(snapshot(core.db)).toEqual(before);

    const done = ok(core, 'commitments.update', {
      id: c.id,
      status: 'done',
      evidenceDate: day(0),
      evidenceNote: '签到表',
    });
    expect(done).toMatchObject({ status: 'done', evidenceDate: day(0), evidenceNote: '签到表', overdue: false });
    const log = auditFor(core, 'commitment', c.id);
    expect(log[0]).toMatchObject({
      action: 'update',
      summary: expect.stringContaining('未开始 → 已完成'),
      before: { status: 'pending' },
      after: { status: 'done' },
    });
  });

  it('updates an agreement with an audited diff and deletes only while nothing has started', () => {
    const { core, c1, unit } = setup();
    const a = ok(core, 'agreements.create', {
      unitId: unit,
      communityId: c1,
      year: 2026,
      areas: ['party'],
      commitments: [{ content: '党课' }],
    });
    const u = ok(core, 'agreements.update', { id: a.id, areas: ['party', 'petition'], signatoryB: '钱处长' });
    expect(u.areas).toEqual(['party', 'petition']);
    expect(auditFor(core, 'agreement', a.id)[0]).toMatchObject({
      action: 'update',
      before: { areas: ['party'], signatoryB: null },
      after: { areas: ['party', 'petition'], signatoryB: '钱处长' },
    });
    ok(core, 'commitments.update', { id: a.commitments[0]!.id, status: 'in_progress' });
    const before = snapshot(core.db);
    expect(fails(core, 'agreements.delete', { id: a.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('1 项承诺事项'),
    });
    expect(snapshot(core.db)).toEqual(before);
    ok(core, 'commitments.delete', { id: a.commitments[0]!.id });
    expect(auditFor(core, 'commitment', a.commitments[0]!.id)[0]).toMatchObject({
      action: 'delete',
      before: { content: '党课' },
    });
    expect(ok(core, 'agreements.delete', { id: a.id })).toEqual({ deleted: true });
    expect(ok(core, 'agreements.list', {}).total).toBe(0);
    expect(fails(core, 'agreements.get', { id: a.id }).code).toBe('NOT_FOUND');
    expect(auditFor(core, 'agreement', a.id)[0]).toMatchObject({ action: 'delete' });
    // The tombstone stays for the district package.
    expect(core.db.sqlite.prepare('select deleted_at from agreement where id = ?').pluck().get(a.id)).toBeTruthy();
  });
});

// ---------------------------------------------------------------------------------------------- posts and claims

describe('service posts and claims', () => {
  function withPost(headcount = 2) {
    const s = setup();
    const post = ok(s.core, 'posts.create', {
      communityId: s.c1,
      name: '政策宣讲员',
      category: 'organization',
      headcount,
      requiredSkills: ['法律', 'Excel'],
      description: '每月一次',
    });
    return { ...s, post };
  }

  it.each([
    [{ headcount: 0 }, 'headcount', '定员人数应为 1 至 1000 的整数'],
    [{ headcount: 1.5 }, 'headcount', '定员人数'],
    [{ headcount: 1001 }, 'headcount', '定员人数'],
    [{ name: '' }, 'name', '不能为空'],
    [{ category: '宣讲' }, 'category', '类别'],
    [{ requiredSkills: [''] }, 'requiredSkills.0', '所需专业特长'],
    [{ communityId: 999 }, 'communityId', '社区'],
  ])('posts.create refuses %j naming the field, nothing written', (patch, field, text) => {
    const { core, c1 } = setup();
    const before = snapshot(core.db);
    const e = fails(core, 'posts.create', {
      communityId: c1,
      name: '助老',
      category: 'assistance',
      headcount: 2,
      ...patch,
    });
    expect(e.field).toBe(field);
    expect(e.message).toContain(text);
    expect(snapshot(core.db)).toEqual(before);
  });

  it('claims: pending → approved counts against the headcount; over-claiming is refused naming the headcount', () => {
    const { core, c1, unit, post } = withPost(2);
    const [m1, m2, m3] = ['张一', '李二', '王三'].map((n) => member(core, c1, n));
    const k1 = ok(core, 'claims.create', { postId: post.id, memberId: m1!.id });
    const k2 = ok(core, 'claims.create', { postId: post.id, memberId: m2!.id, claimDate: day(-3) });
    const k3 = ok(core, 'claims.create', { postId: post.id, unitId: unit });
    const k4 = ok(core, 'claims.create', { postId: post.id, memberId: m3!.id });
    expect(k1).toMatchObject({ status: 'pending', claimantKind: 'member', claimantName: '张一', claimDate: day(0) });
    expect(k3).toMatchObject({ claimantKind: 'unit', claimantName: '东城区税务局' });
    expect(ok(core, 'posts.get', { id: post.id })).toMatchObject({ pendingCount: 4, approvedCount: 0, remaining: 2 });

    ok(core, 'claims.approve', { id: k1.id });
    ok(core, 'claims.approve', { id: k3.id });
    expect(ok(core, 'posts.list', { communityId: c1 })[0]).toMatchObject({
      approvedCount: 2,
      pendingCount: 2,
      remaining: 0,
    });
    expect(ok(core, 'posts.list', { openOnly: true })).toEqual([]);

    const before = snapshot(core.db);
    const e = fails(core, 'claims.approve', { id: k2.id });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('定员 2 人');
    expect(e.message).toContain('超额认领');
    // The post cannot shrink below what is approved.
    expect(fails(core, 'posts.update', { id: post.id, headcount: 1 })).toMatchObject({
      code: 'CONFLICT',
      field: 'headcount',
      message: expect.stringContaining('定员人数不能少于 2'),
    });
    // Approving twice, rejecting an approved claim, and duplicate live claims are refused.
    expect(fails(core, 'claims.approve', { id: k1.id }).message).toContain('已通过');
    expect(fails(core, 'claims.reject', { id: k1.id }).message).toContain('不能不通过');
    expect(fails(core, 'claims.create', { postId: post.id, memberId: m2!.id })).toMatchObject({
      code: 'CONFLICT',
      field: 'memberId',
      message: expect.stringContaining('「李二」已认领该岗位（待审核）'),
    });
    expect(fails(core, 'claims.create', { postId: post.id, unitId: unit })).toMatchObject({
      field: 'unitId',
      message: expect.stringContaining('已通过'),
    });
    expect(snapshot(core.db)).toEqual(before);

    // Raising the headcount lets the next claim through.
    ok(core, 'posts.update', { id: post.id, headcount: 3 });
    expect(ok(core, 'claims.approve', { id: k2.id, decidedDate: day(-1) })).toMatchObject({
      status: 'approved',
      decidedDate: day(-1),
    });
    ok(core, 'claims.reject', { id: k4.id, note: '时间不合适' });
    expect(auditFor(core, 'post_claim', k2.id).map((r) => r.action)).toEqual(['update', 'create']);
    expect(auditFor(core, 'post_claim', k2.id)[0]).toMatchObject({
      before: { status: 'pending' },
      after: { status: 'approved' },
    });
  });

  it('claims input rules: member XOR unit, in-register member, dates', () => {
    const { core, c1, unit, post } = withPost();
    const gone = member(core, c1, '转出者', { status: 'transferred' });
    const m = member(core, c1, '在册者');
    const before = snapshot(core.db);
    expect(fails(core, 'claims.create', { postId: post.id })).toMatchObject({
      field: 'memberId',
      message: expect.stringContaining('二者只能选一个'),
    });
    expect(fails(core, 'claims.create', { postId: post.id, memberId: m.id, unitId: unit }).field).toBe('memberId');
    expect(fails(core, 'claims.create', { postId: post.id, memberId: gone.id })).toMatchObject({
      code: 'CONFLICT',
      field: 'memberId',
      message: expect.stringContaining('不是在册状态'),
    });
    expect(fails(core, 'claims.create', { postId: post.id, memberId: 999 })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'memberId',
    });
    expect(fails(core, 'claims.create', { postId: 999, memberId: m.id })).toMatchObject({ field: 'postId' });
    expect(fails(core, 'claims.create', { postId: post.id, memberId: m.id, claimDate: day(2) })).toMatchObject({
      field: 'claimDate',
      message: expect.stringContaining('「认领日期」日期不能晚于今天'),
    });
    expect(fails(core, 'claims.create', { postId: post.id, memberId: m.id, note: 'x'.repeat(201) }).field).toBe('note');
    const k = ok(core, 'claims.create', { postId: post.id, memberId: m.id, claimDate: day(-2) });
    const snap2 = snapshot(core.db);
    expect(fails(core, 'claims.approve', { id: k.id, decidedDate: day(-5) })).toMatchObject({
      field: 'decidedDate',
      message: expect.stringContaining('早于认领日期'),
    });
    expect(snapshot(core.db)).toEqual(snap2);
    void before;
  });

  it('withdrawal keeps history and frees the place; delete is refused while live claims exist', () => {
    const { core, c1, post } = withPost(1);
    const m = member(core, c1, '周强');
    const k = ok(core, 'claims.create', { postId: post.id, memberId: m.id });
    ok(core, 'claims.approve', { id: k.id });
    const before = snapshot(core.db);
    expect(fails(core, 'posts.delete', { id: post.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('还有 1 个有效认领（待审核 0 个、已通过 1 个）'),
    });
    expect(snapshot(core.db)).toEqual(before);

    const w = ok(core, 'claims.withdraw', { id: k.id });
    expect(w).toMatchObject({ status: 'withdrawn', withdrawnDate: day(0), decidedDate: day(0) });
    const d = ok(core, 'posts.get', { id: post.id });
    expect(d).toMatchObject({ approvedCount: 0, remaining: 1 });
    expect(d.claims.map((c) => [c.id, c.status])).toEqual([[k.id, 'withdrawn']]);
    expect(fails(core, 'claims.withdraw', { id: k.id }).message).toContain('已退出');

    // The same member may claim again; the history keeps both rows.
    const again = ok(core, 'claims.create', { postId: post.id, memberId: m.id });
    expect(ok(core, 'posts.get', { id: post.id }).claims.map((c) => c.status)).toEqual(['pending', 'withdrawn']);
    expect(fails(core, 'posts.delete', { id: post.id }).message).toContain('待审核 1 个');
    ok(core, 'claims.reject', { id: again.id });
    expect(ok(core, 'posts.delete', { id: post.id })).toEqual({ deleted: true });
    expect(ok(core, 'posts.list', {})).toEqual([]);
    expect(auditFor(core, 'service_post', post.id).map((r) => r.action)).toEqual(['delete', 'create']);
    expect(core.db.sqlite.prepare('select count(*) from post_claim').pluck().get()).toBe(2);
  });

  it('suggests in-register members of the community whose skills match, most matches first, masked', () => {
    const { core, c1, c2, post } = withPost(5);
    const idA = makeId('1975-05-05', 501);
    const a = member(core, c1, '安然', { skills: ['法律咨询', 'excel 培训'], idNumber: idA });
    const b = member(core, c1, '白露', { skills: ['法律'] });
    const c = member(core, c1, '陈晨', { skills: ['办公软件Excel'] });
    member(core, c1, '丁一', { skills: ['书法'] });
    member(core, c1, '方圆', { skills: ['法律顾问'], status: 'transferred' });
    member(core, c2, '郭靖', { skills: ['法律'] });
    const claimed = member(core, c1, '韩梅', { skills: ['法律援助'] });
    ok(core, 'claims.create', { postId: post.id, memberId: claimed.id });

    const s = ok(core, 'posts.suggest', { postId: post.id });
    expect(s.map((x) => x.name)).toEqual(['安然', '白露', '陈晨']);
    expect(s[0]).toMatchObject({ memberId: a.id, matched: ['法律咨询', 'excel 培训'], phoneMasked: '138****5678' });
    expect(s[1]).toMatchObject({ memberId: b.id, matched: ['法律'] });
    expect(s[2]).toMatchObject({ memberId: c.id, matched: ['办公软件Excel'] });
    const json = JSON.stringify(s);
    expect(json).not.toContain(idA);
    expect(json).not.toContain('13812345678');
    expect(ok(core, 'posts.suggest', { postId: post.id, limit: 1 })).toHaveLength(1);
    expect(fails(core, 'posts.suggest', { postId: post.id, limit: 51 }).field).toBe('limit');

    // A withdrawn claim no longer hides the member.
    const k = ok(core, 'posts.get', { id: post.id }).claims[0]!;
    ok(core, 'claims.withdraw', { id: k.id });
    expect(ok(core, 'posts.suggest', { postId: post.id }).map((x) => x.name)).toContain('韩梅');

    expect(matchSkills(['法律', 'EXCEL', ''], ['法律咨询', 'excel'])).toEqual(['法律', 'EXCEL']);
    expect(matchSkills(['书法'], ['法律'])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- teams

describe('volunteer teams', () => {
  it('creates a team with its leader as member, adds many at once, refuses duplicates naming the member', () => {
    const { core, c1 } = setup();
    const [lead, m1, m2, m3] = ['队长甲', '队员乙', '队员丙', '队员丁'].map((n) => member(core, c1, n));
    const t = ok(core, 'teams.create', {
      name: '红马甲志愿服务队',
      theme: '助老',
      communityId: c1,
      leaderMemberId: lead!.id,
      foundedDate: '2025-03-05',
      memberIds: [m1!.id],
    });
    expect(t).toMatchObject({ leaderName: '队长甲', memberCount: 2 });
    expect(t.members.map((m) => [m.name, m.isLeader])).toEqual([
      ['队长甲', true],
      ['队员乙', false],
    ]);
    expect(t.members[0]!.phoneMasked).toBe('138****5678');

    const before = snapshot(core.db);
    expect(fails(core, 'teams.addMembers', { teamId: t.id, memberIds: [m2!.id, m1!.id] })).toMatchObject({
      code: 'CONFLICT',
      field: 'memberIds',
      message: expect.stringContaining('党员「队员乙」已是本服务队队员'),
    });
    expect(fails(core, 'teams.addMembers', { teamId: t.id, memberIds: [m2!.id, m2!.id] })).toMatchObject({
      field: 'memberIds',
      message: expect.stringContaining('「队员丙」在名单中出现了两次'),
    });
    expect(fails(core, 'teams.addMembers', { teamId: t.id, memberIds: [] })).toMatchObject({
      field: 'memberIds',
      message: expect.stringContaining('请至少选择一名党员'),
    });
    expect(fails(core, 'teams.addMembers', { teamId: t.id, memberIds: [m2!.id, 999] }).code).toBe('NOT_FOUND');
    expect(fails(core, 'teams.create', { name: '红马甲志愿服务队' })).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    expect(fails(core, 'teams.create', { name: '新队', foundedDate: day(1) })).toMatchObject({
      field: 'foundedDate',
      message: expect.stringContaining('成立日期'),
    });
    expect(fails(core, 'teams.create', { name: '' })).toMatchObject({ field: 'name' });
    expect(fails(core, 'teams.removeMember', { teamId: t.id, memberId: lead!.id })).toMatchObject({
      message: expect.stringContaining('队长'),
    });
    expect(snapshot(core.db)).toEqual(before);

    const after = ok(core, 'teams.addMembers', { teamId: t.id, memberIds: [m2!.id, m3!.id] });
    expect(after.memberCount).toBe(4);
    expect(auditFor(core, 'volunteer_team', t.id)[0]).toMatchObject({
      summary: expect.stringContaining('加入队员 2 名：队员丙、队员丁'),
    });
    const removed = ok(core, 'teams.removeMember', { teamId: t.id, memberId: m3!.id });
    expect(removed.members.map((m) => m.name)).not.toContain('队员丁');
    expect(fails(core, 'teams.removeMember', { teamId: t.id, memberId: m3!.id }).code).toBe('NOT_FOUND');

    // A new leader joins the team automatically.
    const u = ok(core, 'teams.update', { id: t.id, leaderMemberId: m3!.id, theme: '助老助残' });
    expect(u).toMatchObject({ leaderName: '队员丁', theme: '助老助残', memberCount: 4 });
    expect(ok(core, 'teams.list', { communityId: c1 }).map((x) => x.name)).toEqual(['红马甲志愿服务队']);
    expect(ok(core, 'teams.list', { communityId: null })).toEqual([]);

    ok(core, 'teams.delete', { id: t.id });
    expect(ok(core, 'teams.list', {})).toEqual([]);
    expect(auditFor(core, 'volunteer_team', t.id)[0]).toMatchObject({ action: 'delete' });
  });

  it('street-wide teams; members not in the register cannot join', () => {
    const { core, c1, c2 } = setup();
    const gone = member(core, c1, '去世者', { status: 'deceased' });
    const x = member(core, c2, '外社区');
    const t = ok(core, 'teams.create', { name: '街道青年突击队', memberIds: [x.id] });
    expect(t).toMatchObject({ communityName: '全街道', communityId: null, memberCount: 1 });
    const before = snapshot(core.db);
    expect(fails(core, 'teams.addMembers', { teamId: t.id, memberIds: [gone.id] }).message).toContain('不是在册状态');
    expect(fails(core, 'teams.create', { name: '另一队', leaderMemberId: gone.id }).field).toBe('leaderMemberId');
    expect(snapshot(core.db)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------- document + CLI

describe('the printed agreement and the CLI', () => {
  function agreementWith(core: Core, c1: number, unit: number, n: number) {
    return ok(core, 'agreements.create', {
      unitId: unit,
      communityId: c1,
      year: 2026,
      areas: ['party', 'safety', 'petition'],
      signatoryA: '王书记',
      signatoryB: '李局长',
      liaisonPerson: '赵联络',
      liaisonPhone: '010-65123456',
      signedDate: '2026-03-01',
      commitments: Array.from({ length: n }, (_, i) => ({
        content: `第${i + 1}项宣讲`,
        area: (['party', 'safety', 'petition'] as const)[i % 3],
        dueDate: '2026-12-31',
        ...(i === 0 ? { status: 'done' as const, evidenceDate: '2026-06-01' } : {}),
      })),
    });
  }

  it('renders the agreement as HTML and a real PDF with 甲方, 乙方, the commitments and the signature block', async () => {
    const { core, c1, c1Name, unit } = setup();
    const a = agreementWith(core, c1, unit, 3);
    const doc = ok(core, 'documents.agreement', { id: a.id });
    expect(doc.title).toContain('结对共建协议书');
    for (const s of ['甲方（盖章）', '乙方（盖章）', '2026年3月1日', '联党建', '第3项宣讲', '已完成', '2026年12月31日'])
      expect(doc.html).toContain(s);
    expect(fails(core, 'documents.agreement', { id: 999 }).code).toBe('NOT_FOUND');

    const f = await callAsync(core, 'documents.agreementPdf', { id: a.id });
    expect(f.fileName).toBe('共建协议-东城区税务局-2026.pdf');
    const buf = Buffer.from(f.base64, 'base64');
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tempDir('sg-agr-'), 'a.pdf');
    fs.writeFileSync(file, buf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
    for (const s of ['结对共建协议书', '甲方', '乙方', '东城区税务局', c1Name, '第1项宣讲', '代表签字', '2026年3月1日'])
      expect(text).toContain(s);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    // Every font embedded with a ToUnicode map (text can be searched and copied).
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      const [emb, , uni] = line.trim().split(/\s+/).slice(-5, -2);
      expect([emb, uni], line).toEqual(['yes', 'yes']);
    }

    // Many commitments flow onto more pages without losing a row.
    const { core: core2, c1: d1, unit: u2 } = setup();
    const big = agreementWith(core2, d1, u2, 40);
    const f2 = await callAsync(core2, 'documents.agreementPdf', { id: big.id });
    const file2 = path.join(tempDir('sg-agr-'), 'b.pdf');
    fs.writeFileSync(file2, Buffer.from(f2.base64, 'base64'));
    const info2 = execFileSync('pdfinfo', [file2], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info2)?.[1])).toBeGreaterThan(1);
    const text2 = execFileSync('pdftotext', [file2, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (let i = 1; i <= 40; i++) expect(text2).toContain(`第${i}项宣讲`);
  });

  it('every character of the agreement is drawn from a font that has it (no missing glyphs)', async () => {
    const { core, c1, unit } = setup();
    const a = agreementWith(core, c1, unit, 3);
    const html = ok(core, 'documents.agreement', { id: a.id }).html;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.setContent(html, { waitUntil: 'load' });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      type Node = { nodeId: number; nodeType: number; nodeName: string; nodeValue: string; children?: Node[] };
      const drawn: { text: string; fonts: string[] }[] = [];
      const walk = async (n: Node): Promise<void> => {
        const text = (n.children ?? [])
          .filter((c) => c.nodeType === 3)
          .map((c) => c.nodeValue)
          .join('')
          .replace(/\s/g, '');
        if (n.nodeType === 1 && text && !['STYLE', 'TITLE'].includes(n.nodeName)) {
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: n.nodeId });
          drawn.push({ text, fonts: fonts.map((f) => f.postScriptName) });
        }
        for (const c of n.children ?? []) await walk(c);
      };
      await walk(root as Node);
      expect(drawn.map((d) => d.text).join('')).toContain('■联党建');
      const faces = [...new Set(drawn.flatMap((d) => d.fonts))].sort();
      expect(faces.every((f) => /CJK/.test(f))).toBe(true);
      const coverage = new Map(
        faces.map((ps) => {
          const charset = execFileSync('fc-list', ['--format', '%{charset}\n', `:postscriptname=${ps}`], {
            encoding: 'utf8',
          })
            .trim()
            .split('\n')[0]!;
          const ranges = charset.split(' ').map((r) => r.split('-').map((h) => parseInt(h, 16)));
          return [ps, (cp: number) => ranges.some(([x, y]) => cp >= x! && cp <= (y ?? x!))] as const;
        }),
      );
      const missing = drawn.flatMap((d) =>
        [...d.text].filter((ch) => !d.fonts.some((ps) => coverage.get(ps)!(ch.codePointAt(0)!))),
      );
      expect(missing).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('streetgrid list --kind agreements|posts|teams prints rows and JSON', () => {
    const { core, c1, unit } = setup();
    agreementWith(core, c1, unit, 2);
    const post = ok(core, 'posts.create', { communityId: c1, name: '治安巡逻', category: 'safety', headcount: 3 });
    const m = member(core, c1, '巡逻员', { idNumber: makeId('1970-07-07', 707) });
    ok(core, 'claims.approve', { id: ok(core, 'claims.create', { postId: post.id, memberId: m.id }).id });
    ok(core, 'teams.create', { name: '平安志愿队', communityId: c1, leaderMemberId: m.id });
    const file = core.db.file;
    core.db.close();
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });

    const agr = cli('list', '--db', file, '--kind', 'agreements', '--json');
    expect(agr.stderr).toBe('');
    expect(agr.status).toBe(0);
    const rows = JSON.parse(agr.stdout) as { unitName: string; commitmentCount: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unitName: '东城区税务局', commitmentCount: 2 });
    const plain = cli('list', '--db', file, '--kind', 'agreements');
    expect(plain.stdout).toContain('东城区税务局');

    const posts = cli('list', '--db', file, '--kind', 'posts', '--json');
    expect(posts.status).toBe(0);
    expect(JSON.parse(posts.stdout)).toMatchObject([{ name: '治安巡逻', approvedCount: 1, remaining: 2 }]);
    expect(cli('list', '--db', file, '--kind', 'posts').stdout).toContain('治安巡逻');

    const teams = cli('list', '--db', file, '--kind', 'teams', '--json', '--limit', '5');
    expect(teams.status).toBe(0);
    expect(JSON.parse(teams.stdout)).toMatchObject([{ name: '平安志愿队', memberCount: 1, leaderName: '巡逻员' }]);
    expect(teams.stdout).not.toContain(makeId('1970-07-07', 707));

    const bad = cli('list', '--db', file, '--kind', 'nonsense');
    expect(bad.status).not.toBe(0);
  });
});
