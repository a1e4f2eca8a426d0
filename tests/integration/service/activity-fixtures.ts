// A small street for the activity / 统计表 / 反馈表 tests, with hand-computed figures (see the comments on each record).
import type { Core } from '../../../src/core/api';
import { ok, streetCore } from '../../helpers';

export const ZHANG_ID = '11010519491231002X'; // female, 1949-12-31 (GB 11643 test vector)
export const ZHANG_MASKED = '110105********002X';

/** A valid ID number with the given birth date and sequence (odd = male). */
export function makeId(birth: string, seq: number): string {
  const body = `110101${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i]!;
  return body + '10X98765432'[s % 11]!;
}

export interface Fixture {
  core: Core;
  c1: number;
  c2: number;
  u1: number;
  u2: number;
  /** 张三 (U1, reported to c1 2026-03-01), 李四 (U1, c1 2026-08-15), 王五 (U2, lives in c2, reported to c1
   * 2026-05-10), 赵六 (retired), 钱七 (U2, reported to c2), 孙八 (employer given as text, 报到日期 2026-02-01, no 报到
   * record). */
  m: { zhang: number; li: number; wang: number; zhao: number; qian: number; sun: number };
  acts: { a1: number; a2: number; a3: number; a4: number; a5: number };
  ids: Record<'zhang' | 'li' | 'wang' | 'zhao' | 'qian' | 'sun', string>;
}

function report(core: Core, memberId: number, communityId: number, reportDate: string) {
  ok(core, 'reports.create', { memberId, communityId, reportDate, letterReceived: false });
}

/** Members and units only (no activities). */
export function registry(): Omit<Fixture, 'acts'> {
  const core = streetCore('110101001');
  const [a, b] = ok(core, 'communities.list', {});
  const c1 = a!.id;
  const c2 = b!.id;
  const u1 = ok(core, 'units.create', { name: '东城区税务局', type: 'organ', partyOrgName: '东城区税务局机关党委' }).id;
  const u2 = ok(core, 'units.create', {
    name: '北京市第二中学',
    type: 'school',
    partyOrgName: '北京市第二中学党总支',
  }).id;
  const ids = {
    zhang: ZHANG_ID,
    li: makeId('1980-05-06', 11),
    wang: makeId('1985-01-02', 23),
    zhao: makeId('1950-03-04', 35),
    qian: makeId('1990-07-08', 42),
    sun: makeId('1975-09-10', 57),
  };
  const mk = (name: string, idNumber: string, extra: Record<string, unknown>) =>
    ok(core, 'members.create', { name, idNumber, communityId: c1, category: 'employed', ...extra } as never).id;
  const m = {
    zhang: mk('张三', ids.zhang, { employerUnitId: u1 }),
    li: mk('李四', ids.li, { employerUnitId: u1 }),
    wang: mk('王五', ids.wang, { employerUnitId: u2, communityId: c2 }),
    zhao: mk('赵六', ids.zhao, { category: 'retired' }),
    qian: mk('钱七', ids.qian, { employerUnitId: u2 }),
    sun: mk('孙八', ids.sun, {
      employerName: '北京某某律师事务所',
      employerPartyOrg: '北京某某律师事务所党支部',
      reportDate: '2026-02-01',
    }),
  };
  report(core, m.zhang, c1, '2026-03-01');
  report(core, m.li, c1, '2026-08-15');
  report(core, m.wang, c1, '2026-05-10');
  report(core, m.qian, c2, '2026-04-01');
  return { core, c1, c2, u1, u2, m, ids };
}

/**
 * Activities (hours per member):
 *   a1 2026-03-15 c1 文体      张三 2, unit U1 3
 *   a2 2026-07-10 c1 卫生      张三 1.5, 李四 2, 王五 2.5
 *   a3 2026-10-05 street-wide (organiser U1) 张三 3, 王五 1
 *   a4 2026-11-20 c2 安全      李四 4, 钱七 2
 *   a5 2026-11-01 c1 (deleted) 张三 5 — never counts
 * Posts: 张三 approved 政策宣讲员 (claimed 2026-04-01) and 治安巡逻 (2026-10-01); 李四 pending; 王五 withdrawn.
 */
export function fixture(): Fixture {
  const r = registry();
  const { core, c1, c2, u1, m } = r;
  const act = (input: Record<string, unknown>) => ok(core, 'activities.create', input as never).id;
  const acts = {
    a1: act({
      date: '2026-03-15',
      communityId: c1,
      title: '社区文艺汇演',
      category: 'culture',
      organizerKind: 'community',
      participants: [
        { memberId: m.zhang, hours: 2, role: '主持人' },
        { unitId: u1, hours: 3 },
      ],
    }),
    a2: act({
      date: '2026-07-10',
      startTime: '09:00',
      endTime: '11:30',
      communityId: c1,
      title: '义诊进社区',
      category: 'health',
      organizerKind: 'community',
      residentsServed: 80,
      participants: [
        { memberId: m.zhang, hours: 1.5 },
        { memberId: m.li, hours: 2 },
        { memberId: m.wang, hours: 2.5 },
      ],
    }),
    a3: act({
      date: '2026-10-05',
      communityId: null,
      title: '全街道环境整治',
      category: 'environment',
      organizerKind: 'unit',
      organizerUnitId: u1,
      participants: [
        { memberId: m.zhang, hours: 3 },
        { memberId: m.wang, hours: 1 },
      ],
    }),
    a4: act({
      date: '2026-11-20',
      communityId: c2,
      title: '消防安全宣传',
      category: 'safety',
      organizerKind: 'community',
      participants: [
        { memberId: m.li, hours: 4 },
        { memberId: m.qian, hours: 2 },
      ],
    }),
    a5: act({
      date: '2026-11-01',
      communityId: c1,
      title: '已删除的活动',
      category: 'other',
      organizerKind: 'community',
      participants: [{ memberId: m.zhang, hours: 5 }],
    }),
  };
  ok(core, 'activities.delete', { id: acts.a5 });
  // Posts and claims straight into the tables (the posts/claims services belong to another area).
  const now = new Date().toISOString();
  const post = (name: string) =>
    Number(
      core.db.sqlite
        .prepare(
          `insert into service_post (community_id, name, category, headcount, created_at, updated_at, change_seq)
           values (?, ?, 'other', 5, ?, ?, 0)`,
        )
        .run(c1, name, now, now).lastInsertRowid,
    );
  const claim = (postId: number, memberId: number, status: string, claimDate: string) =>
    core.db.sqlite
      .prepare(
        `insert into post_claim (post_id, member_id, status, claim_date, created_at, updated_at, change_seq)
         values (?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(postId, memberId, status, claimDate, now, now);
  const p1 = post('政策宣讲员');
  const p2 = post('治安巡逻');
  claim(p1, m.zhang, 'approved', '2026-04-01');
  claim(p2, m.zhang, 'approved', '2026-10-01');
  claim(p1, m.li, 'pending', '2026-09-01');
  claim(p2, m.wang, 'withdrawn', '2026-06-01');
  void c2;
  return { ...r, acts };
}
