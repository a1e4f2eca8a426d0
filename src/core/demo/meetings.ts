// A year of 协调议事会议 on top of the demo registry: the street's default bodies (createDefaultBodies: the street
// council and each community's 共驻共建协调议事小组 with its council-member units as standing members), quarterly
// meetings up to `today` with attendance (出席 / 列席 / 请假 with reasons), 2–4 agenda items with discussion and
// 1–4 议定事项 each, followed up by dated notes whose statuses agree with the dates (some overdue). Most communities
// meet every quarter; at least one misses a quarter that has ended. Written with prepared statements in the
// seeder's one transaction; deterministic (own PRNG stream derived from the seed).
import type { AttendanceKind, DecisionStatus } from '../../shared/enums';
import type { ActionCtx } from '../db/action';
import { createDefaultBodies } from '../services/meeting-bodies';
import { personName } from './names';
import { Rng, dayOf, isoDay } from './random';

export interface MeetingCounts {
  meetingBodies: number;
  meetings: number;
  attendees: number;
  decisions: number;
  decisionNotes: number;
}

export interface MtCommunity {
  id: number;
  name: string;
  place: string;
}

export interface MtUnit {
  id: number;
  name: string;
  communityIdx: number;
  council: boolean;
  partySecretary: string;
  contactPerson: string;
}

export interface MtMember {
  id: number;
  communityIdx: number;
  active: boolean;
  name: string;
}

export interface MeetingsInput {
  ctx: ActionCtx;
  seed: number;
  today: string;
  communities: MtCommunity[];
  units: MtUnit[];
  members: MtMember[];
}

interface Topic {
  title: string;
  discussion: string;
  decisions: string[];
}

// prettier-ignore
const TOPICS: Topic[] = [
  { title: '通报上季度议定事项落实情况', discussion: '社区党委逐项通报上次会议议定事项的落实进度，与会成员单位对未完成事项说明原因并提出下一步打算。', decisions: ['对未落实事项明确专人跟进，下次会议通报结果', '建立议定事项落实台账，每月更新一次'] },
  { title: '研究{place}老旧小区停车难问题', discussion: '居民反映夜间停车位紧张。与会单位表示可错时开放内部停车场，社区负责登记车辆、制定管理办法。', decisions: ['驻区单位夜间错时开放停车位，社区负责登记管理', '制定《{place}错时停车管理公约》并张贴公示', '增设临时停车引导员，由网格员轮值'] },
  { title: '部署{place}环境卫生整治', discussion: '围绕背街小巷、楼道堆物和垃圾分类开展集中整治，成员单位各认领一段责任区。', decisions: ['成员单位认领背街小巷责任区，每月开展一次清洁行动', '清理楼道堆物，社区联合物业逐楼宣传', '垃圾分类桶站值守志愿者排班'] },
  { title: '研究为老服务和助餐点建设', discussion: '辖区老年人口比例较高，独居老人助餐需求迫切。与会单位讨论场地、资金和志愿者的来源。', decisions: ['利用驻区单位食堂开设老年助餐点', '为独居老人建立结对探访制度', '摸清 80 岁以上独居老人底数'] },
  { title: '协调平安创建和治安巡逻', discussion: '近期电动自行车盗窃案件有所上升，派出所通报情况，成员单位商定联合巡逻安排。', decisions: ['成员单位每周派员参加联合巡逻', '在重点楼院加装视频监控', '开展防诈骗宣传进楼院活动'] },
  { title: '商议在职党员进社区服务安排', discussion: '通报在职党员报到和参加活动情况，商议下季度服务岗位和活动安排。', decisions: ['各单位动员报到党员认领服务岗位', '下季度每名报到党员至少参加一次社区活动', '向单位党组织反馈党员参加活动情况'] },
  { title: '研究社区阵地和资源共享', discussion: '社区党群服务中心面积不足，驻区单位提出可开放会议室、活动室供居民使用。', decisions: ['驻区单位会议室每周固定时段向居民开放', '编制辖区资源清单并在社区公示', '共建单位捐赠图书充实社区书屋'] },
  { title: '部署防汛和安全生产检查', discussion: '汛期将至，社区对低洼院落、地下空间和老旧楼房进行排查，成员单位提供物资和人员支持。', decisions: ['完成低洼院落和地下空间隐患排查', '成员单位储备防汛沙袋等物资', '开展燃气安全入户检查'] },
  { title: '协调信访矛盾化解', discussion: '就居民反映较集中的物业服务和噪声扰民问题，成员单位和物业公司共同研究化解办法。', decisions: ['召开物业服务问题居民议事会', '对噪声扰民问题开展联合执法', '建立矛盾纠纷周排查制度'] },
  { title: '筹备重要节日走访慰问', discussion: '商议节日期间走访困难党员、困难群众的名单和慰问标准，驻区单位提供慰问物资。', decisions: ['确定走访慰问名单并报街道备案', '驻区单位认领结对帮扶困难家庭', '节日期间组织文艺汇演'] },
];

const STREET_TOPICS: Topic[] = [
  {
    title: '通报各社区共驻共建工作开展情况',
    discussion: '各社区书记汇报本季度共驻共建协调议事小组会议召开和议定事项落实情况，街道党工委点评。',
    decisions: ['未按季度召开协调议事会的社区限期补开', '各社区报送本季度共建项目清单'],
  },
  {
    title: '研究区域化党建项目清单',
    discussion: '梳理社区需求清单、驻区单位资源清单和共建项目清单，推动三张清单对接。',
    decisions: ['发布区域化党建共建项目清单', '对认领项目的驻区单位进行通报表扬'],
  },
  {
    title: '部署在职党员“双报到”工作',
    discussion: '通报在职党员回社区报到情况，研究推动报到党员常态化参加社区服务的措施。',
    decisions: ['向驻区单位党组织反馈报到党员活动情况', '年底前完成在职党员活动情况反馈表'],
  },
];

// prettier-ignore
const LEAVE_REASONS = ['出差', '参加上级会议', '病假', '单位有紧急任务', '外出培训', '事假'];
// prettier-ignore
const RESPONSIBLE_NAMES = ['社区居委会', '社区党委', '社区服务站', '物业服务企业', '网格员', '社区民警', '社区社会组织联合会'];
// prettier-ignore
const PLACES = ['社区党群服务中心议事厅', '社区会议室', '驻区单位会议室', '社区议事协商室'];
// prettier-ignore
const STREET_PLACES = ['街道党群服务中心会议室', '街道办事处第一会议室'];
// prettier-ignore
const NOTES_PROGRESS = ['已召开专题会研究部署', '已与责任单位对接，正在推进', '完成前期摸排，方案已拟定', '部分完成，剩余工作正在推进', '已落实资金和人员，正在实施'];
// prettier-ignore
const NOTES_DONE = ['已全部完成，居民反映良好', '经社区验收，事项已落实', '已办结，相关材料已归档', '已按要求完成并在社区公示'];
// prettier-ignore
const NOTES_STUCK = ['因场地协调未果暂缓，待下次会议研究', '责任单位人员调整，进度滞后', '资金尚未到位，暂未实施'];
const TIMES = ['09:00', '09:30', '14:00', '14:30', '15:00'];
const QUARTER_ZH = ['一', '二', '三', '四'];

function fill(s: string, place: string): string {
  return s.replace(/\{place\}/g, place);
}

function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const t = h * 60 + m + minutes;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

/** The four quarters ending with the one that contains `today`: [{ year, q, from, to }], oldest first. */
function lastFourQuarters(today: string): { year: number; q: number; from: number; to: number }[] {
  let year = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: { year: number; q: number; from: number; to: number }[] = [];
  for (let i = 0; i < 4; i++) {
    const first = (q - 1) * 3 + 1;
    const from = dayOf(`${year}-${String(first).padStart(2, '0')}-01`);
    const to = Date.UTC(year, first + 2, 1) / 86_400_000 - 1;
    out.unshift({ year, q, from, to });
    q--;
    if (q === 0) {
      q = 4;
      year--;
    }
  }
  return out;
}

export function seedMeetings(input: MeetingsInput): MeetingCounts {
  const { ctx, communities, units, members, today } = input;
  const db = ctx.db.sqlite;
  const rng = new Rng((input.seed ^ 0x3ee71a65) >>> 0);
  const now = ctx.now;
  const seq = ctx.seq();
  const todayDay = dayOf(today);
  const counts: MeetingCounts = { meetingBodies: 0, meetings: 0, attendees: 0, decisions: 0, decisionNotes: 0 };

  // ---------------------------------------------------------------- bodies: the same defaults the app offers
  counts.meetingBodies = createDefaultBodies(ctx).created;
  const streetBody = db
    .prepare(
      "select id from meeting_body where deleted_at is null and community_id is null and kind = 'street_council' order by id limit 1",
    )
    .pluck()
    .get() as number | undefined;
  const cobuildOf = db.prepare(
    "select id from meeting_body where deleted_at is null and community_id = ? and kind = 'cobuild' order by id limit 1",
  );

  const secretaryOf = db.prepare('select secretary_name from community where id = ?').pluck();
  const unitsOf: MtUnit[][] = communities.map(() => []);
  for (const u of units) unitsOf[u.communityIdx]?.push(u);
  const membersOf: MtMember[][] = communities.map(() => []);
  for (const m of members) if (m.active) membersOf[m.communityIdx]?.push(m);

  const insMeeting = db.prepare(
    `insert into meeting (body_id, community_id, date, start_time, end_time, place, chair_name, recorder_name, subject,
       created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insAttendee = db.prepare(
    `insert into meeting_attendee (meeting_id, member_id, unit_id, person_name, attendance, reason, sort_order, created_at,
       updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insAgenda = db.prepare(
    `insert into agenda_item (meeting_id, title, discussion, sort_order, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insDecision = db.prepare(
    `insert into decision (meeting_id, agenda_item_id, content, responsible_unit_id, responsible_name, deadline, status,
       closed_date, sort_order, created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insNote = db.prepare(
    `insert into decision_note (decision_id, date, note, status, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );

  const quarters = lastFourQuarters(today);
  // Quarters that ended before today (a missed one shows as 未召开 in the grid), newest first.
  const ended = quarters.filter((q) => q.to < todayDay).reverse();
  // At least one community misses a quarter: the newest ended one (the current year's, when there is one).
  const misser = communities.length > 0 ? rng.int(0, communities.length - 1) : -1;
  const missedQuarter = ended[0];

  type Attendee = {
    memberId: number | null;
    unitId: number | null;
    name: string;
    kind: AttendanceKind;
    reason: string | null;
  };

  /** Writes one meeting with its attendees, agenda and decisions (and the decisions' follow-up trail). */
  const writeMeeting = (m: {
    bodyId: number;
    communityId: number | null;
    day: number;
    subject: string;
    place: string;
    placeName: string;
    chair: string;
    attendees: Attendee[];
    topics: Topic[];
    responsibleUnits: MtUnit[];
  }): void => {
    const start = rng.pick(TIMES);
    const meetingId = Number(
      insMeeting.run(
        m.bodyId,
        m.communityId,
        isoDay(m.day),
        start,
        addMinutes(start, rng.pick([60, 90, 90, 120])),
        m.place,
        m.chair,
        personName(rng, rng.chance(0.6), rng.int(1980, 1998)),
        m.subject,
        now,
        now,
        seq,
      ).lastInsertRowid,
    );
    counts.meetings++;
    m.attendees.forEach((a, i) => {
      insAttendee.run(meetingId, a.memberId, a.unitId, a.name, a.kind, a.reason, i + 1, now, now, seq);
      counts.attendees++;
    });
    let decisionNo = 0;
    const wanted = rng.int(1, 4);
    m.topics.forEach((t, ti) => {
      const agendaId = Number(
        insAgenda.run(meetingId, fill(t.title, m.placeName), fill(t.discussion, m.placeName), ti + 1, now, now, seq)
          .lastInsertRowid,
      );
      // Spread the meeting's 1–4 decisions over its topics (the first topics get them first).
      const here = ti === m.topics.length - 1 ? wanted - decisionNo : Math.min(wanted - decisionNo, rng.int(0, 2));
      for (const content of rng.sample(t.decisions, here)) {
        writeDecision(meetingId, agendaId, fill(content, m.placeName), m.day, m.responsibleUnits, ++decisionNo);
      }
    });
  };

  const writeDecision = (
    meetingId: number,
    agendaId: number,
    content: string,
    meetingDay: number,
    responsibleUnits: MtUnit[],
    sortOrder: number,
  ): void => {
    const unit = responsibleUnits.length > 0 && rng.chance(0.55) ? rng.pick(responsibleUnits) : null;
    const deadline = rng.chance(0.12) ? null : meetingDay + rng.pick([15, 30, 30, 45, 60, 90]);
    // Follow-up consistent with the dates: most past-due decisions are done, some are overdue.
    let status: DecisionStatus;
    const elapsed = todayDay - meetingDay;
    if (elapsed < 7) status = 'open';
    else if (deadline !== null && deadline < todayDay)
      status = rng.chance(0.78) ? 'done' : rng.pick(['open', 'in_progress']);
    else {
      const r = rng.next();
      status = r < 0.3 ? 'done' : r < 0.75 ? 'in_progress' : 'open';
    }
    const last = Math.min(todayDay, deadline !== null ? deadline + 20 : todayDay);
    const notes: { day: number; note: string; status: DecisionStatus }[] = [];
    if (status === 'done') {
      const closed = rng.int(Math.min(meetingDay + 7, last), last);
      if (closed - meetingDay > 10 && rng.chance(0.6))
        notes.push({ day: rng.int(meetingDay + 3, closed - 3), note: rng.pick(NOTES_PROGRESS), status: 'in_progress' });
      notes.push({ day: closed, note: rng.pick(NOTES_DONE), status: 'done' });
    } else if (status === 'in_progress') {
      const k = rng.int(1, 2);
      const days = Array.from({ length: k }, () => rng.int(meetingDay + 3, Math.max(meetingDay + 3, todayDay))).sort(
        (a, b) => a - b,
      );
      for (const d of days)
        notes.push({ day: Math.min(d, todayDay), note: rng.pick(NOTES_PROGRESS), status: 'in_progress' });
    } else if (elapsed > 30 && rng.chance(0.5)) {
      notes.push({ day: rng.int(meetingDay + 7, todayDay), note: rng.pick(NOTES_STUCK), status: 'open' });
    }
    const closedDate = status === 'done' ? isoDay(notes[notes.length - 1]!.day) : null;
    const id = Number(
      insDecision.run(
        meetingId,
        agendaId,
        content,
        unit?.id ?? null,
        unit ? null : rng.pick(RESPONSIBLE_NAMES),
        deadline !== null ? isoDay(deadline) : null,
        status,
        closedDate,
        sortOrder,
        now,
        now,
        seq,
      ).lastInsertRowid,
    );
    counts.decisions++;
    for (const n of notes) {
      insNote.run(id, isoDay(n.day), n.note, n.status, now, now, seq);
      counts.decisionNotes++;
    }
  };

  /** A day in [from, to] not after today, or null when the quarter has not begun. */
  const dayIn = (from: number, to: number): number | null => {
    const hi = Math.min(to, todayDay);
    return hi < from ? null : rng.int(from, hi);
  };

  // ---------------------------------------------------------------- each community's 共驻共建协调议事小组
  communities.forEach((c, ci) => {
    const bodyId = cobuildOf.pluck().get(c.id) as number | undefined;
    if (bodyId === undefined) return;
    const council = (unitsOf[ci] as MtUnit[]).filter((u) => u.council);
    const pool = membersOf[ci] as MtMember[];
    const secretary =
      (secretaryOf.get(c.id) as string | null | undefined) ?? personName(rng, rng.chance(0.5), rng.int(1968, 1988));
    for (const q of quarters) {
      const missed = (ci === misser && q === missedQuarter) || (q.to < todayDay && rng.chance(0.03));
      if (missed) continue;
      const times = rng.chance(0.15) ? 2 : 1;
      for (let k = 0; k < times; k++) {
        const day = dayIn(q.from, q.to);
        if (day === null) continue;
        const attendees: Attendee[] = [
          { memberId: null, unitId: null, name: secretary, kind: 'present', reason: null },
        ];
        for (const u of council) {
          const leave = rng.chance(0.12);
          attendees.push({
            memberId: null,
            unitId: u.id,
            name: rng.chance(0.6) ? u.partySecretary : u.contactPerson,
            kind: leave ? 'leave' : 'present',
            reason: leave ? rng.pick(LEAVE_REASONS) : null,
          });
        }
        for (const m of rng.sample(pool, rng.int(2, 5)))
          attendees.push({ memberId: m.id, unitId: null, name: m.name, kind: 'present', reason: null });
        for (let o = rng.int(0, 2); o > 0; o--)
          attendees.push({
            memberId: null,
            unitId: null,
            name: personName(rng, rng.chance(0.5), rng.int(1975, 1995)),
            kind: 'observer',
            reason: null,
          });
        writeMeeting({
          bodyId,
          communityId: c.id,
          day,
          subject: `${q.year}年第${QUARTER_ZH[q.q - 1]}季度共驻共建协调议事会${times > 1 ? `（第${k + 1}次）` : ''}`,
          place: rng.pick(PLACES),
          placeName: c.place,
          chair: secretary,
          attendees: dedupe(attendees),
          topics: rng.sample(TOPICS, rng.int(2, 4)),
          responsibleUnits: council,
        });
      }
    }
  });

  // ---------------------------------------------------------------- the street council, every quarter
  if (streetBody !== undefined) {
    const chair = personName(rng, rng.chance(0.5), rng.int(1965, 1980));
    for (const q of quarters) {
      const day = dayIn(q.from, q.to);
      if (day === null) continue;
      const attendees: Attendee[] = [{ memberId: null, unitId: null, name: chair, kind: 'present', reason: null }];
      for (let i = 0; i < communities.length; i++) {
        const leave = rng.chance(0.08);
        attendees.push({
          memberId: null,
          unitId: null,
          name: personName(rng, rng.chance(0.5), rng.int(1968, 1988)),
          kind: leave ? 'leave' : 'present',
          reason: leave ? rng.pick(LEAVE_REASONS) : null,
        });
      }
      const bigUnits = rng.sample(
        units.filter((u) => u.council),
        Math.min(6, units.length),
      );
      for (const u of bigUnits)
        attendees.push({ memberId: null, unitId: u.id, name: u.partySecretary, kind: 'observer', reason: null });
      writeMeeting({
        bodyId: streetBody,
        communityId: null,
        day,
        subject: `${q.year}年第${QUARTER_ZH[q.q - 1]}季度街道社区党建工作协调会`,
        place: rng.pick(STREET_PLACES),
        placeName: '辖区',
        chair,
        attendees: dedupe(attendees),
        topics: rng.sample(STREET_TOPICS, rng.int(2, 3)),
        responsibleUnits: bigUnits,
      });
    }
  }
  return counts;
}

/** The same person (or unit representative) appears once, as the services require. */
function dedupe<T extends { memberId: number | null; unitId: number | null; name: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.memberId ? `m${a.memberId}` : a.unitId ? `u${a.unitId}:${a.name}` : `p${a.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
