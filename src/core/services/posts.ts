// 服务岗位 and 认领: a community sets up posts; members or units claim them. A claim is pending until the community
// approves it; approved claims count against the headcount (over-claiming is refused); rejected and withdrawn
// claims stay as history. Suggestions: members of the post's community whose 专业特长 match the post.
import type {
  ParsedInput,
  PostClaimT,
  PostQueryT,
  PostSuggestionT,
  ServicePostDetailT,
  ServicePostRowT,
} from '../../shared/contract';
import {
  CLAIM_STATUS_LABELS,
  type ClaimStatus,
  type Gender,
  type MemberCategory,
  type PostCategory,
} from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { COBUILD, ERR } from '../../shared/messages';
import { maskPhone } from '../../shared/validators';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { fieldError, localToday, notInFuture, nul, requireCommunity, requireUnit } from './agreements';

const E = COBUILD.err;
const A = COBUILD.audit;

// ------------------------------------------------------------------ reading

const POST_SELECT = `
  select p.id, p.community_id as communityId, c.name as communityName, p.name, p.category, p.headcount,
         p.required_skills as requiredSkills, p.description, p.updated_at as updatedAt,
         (select count(*) from post_claim x where x.post_id = p.id and x.status = 'approved') as approvedCount,
         (select count(*) from post_claim x where x.post_id = p.id and x.status = 'pending') as pendingCount
  from service_post p join community c on c.id = p.community_id`;

interface RawPost extends Omit<ServicePostRowT, 'requiredSkills' | 'remaining' | 'category'> {
  requiredSkills: string;
  category: PostCategory;
}

function toPost(r: RawPost): ServicePostRowT {
  return {
    ...r,
    requiredSkills: JSON.parse(r.requiredSkills) as string[],
    remaining: Math.max(0, r.headcount - r.approvedCount),
  };
}

export function listPosts(db: StreetGridDb, q: PostQueryT): ServicePostRowT[] {
  const conds = ['p.deleted_at is null'];
  const params: unknown[] = [];
  if (q.communityId !== undefined) {
    conds.push('p.community_id = ?');
    params.push(q.communityId);
  }
  if (q.category) {
    conds.push('p.category = ?');
    params.push(q.category);
  }
  const text = (q.q ?? '').trim();
  if (text) {
    conds.push('(instr(p.name, ?) > 0 or instr(p.required_skills, ?) > 0)');
    params.push(text, text);
  }
  const rows = (
    db.sqlite.prepare(`${POST_SELECT} where ${conds.join(' and ')} order by c.code, p.id`).all(...params) as RawPost[]
  ).map(toPost);
  return q.openOnly ? rows.filter((r) => r.remaining > 0) : rows;
}

export function postRow(db: StreetGridDb, id: number, field = 'id'): ServicePostRowT {
  const r = db.sqlite.prepare(`${POST_SELECT} where p.id = ? and p.deleted_at is null`).get(id) as RawPost | undefined;
  if (!r) throw new AppError('NOT_FOUND', E.postNotFound, { field });
  return toPost(r);
}

const CLAIM_SELECT = `
  select x.id, x.post_id as postId, x.member_id as memberId, x.unit_id as unitId, coalesce(m.name, u.name) as claimantName,
         x.status, x.claim_date as claimDate, x.decided_date as decidedDate, x.withdrawn_date as withdrawnDate, x.note,
         x.updated_at as updatedAt
  from post_claim x left join member m on m.id = x.member_id left join unit u on u.id = x.unit_id`;

interface RawClaim extends Omit<PostClaimT, 'claimantKind' | 'status' | 'claimantName'> {
  status: ClaimStatus;
  claimantName: string | null;
}

function toClaim(r: RawClaim): PostClaimT {
  return { ...r, claimantName: r.claimantName ?? '', claimantKind: r.memberId !== null ? 'member' : 'unit' };
}

/** Every claim of a post, live ones first, then history (newest first). */
export function listClaims(db: StreetGridDb, postId: number): PostClaimT[] {
  const rows = db.sqlite
    .prepare(
      `${CLAIM_SELECT} where x.post_id = ?
       order by case x.status when 'approved' then 0 when 'pending' then 1 else 2 end, x.claim_date desc, x.id desc`,
    )
    .all(postId) as RawClaim[];
  return rows.map(toClaim);
}

function claimRow(db: StreetGridDb, id: number): PostClaimT {
  const r = db.sqlite
    .prepare(
      `${CLAIM_SELECT} where x.id = ? and exists (select 1 from service_post p where p.id = x.post_id and p.deleted_at is null)`,
    )
    .get(id) as RawClaim | undefined;
  if (!r) throw new AppError('NOT_FOUND', E.claimNotFound, { field: 'id' });
  return toClaim(r);
}

export function getPost(db: StreetGridDb, id: number): ServicePostDetailT {
  return { ...postRow(db, id), claims: listClaims(db, id) };
}

// ------------------------------------------------------------------ posts

function assertNameFree(db: StreetGridDb, communityId: number, name: string, exceptId = -1): void {
  const other = db.sqlite
    .prepare('select id from service_post where community_id = ? and name = ? and deleted_at is null and id != ?')
    .get(communityId, name, exceptId);
  if (other) throw new AppError('CONFLICT', E.postNameTaken(name), { field: 'name' });
}

const uniq = (a: readonly string[]) => [...new Set(a)];

export function createPost(ctx: ActionCtx, input: ParsedInput<'posts.create'>): ServicePostRowT {
  const c = requireCommunity(ctx.db, input.communityId);
  assertNameFree(ctx.db, c.id, input.name);
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `insert into service_post (community_id, name, category, headcount, required_skills, description,
           created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.id,
        input.name,
        input.category,
        input.headcount,
        JSON.stringify(uniq(input.requiredSkills ?? [])),
        nul(input.description),
        ctx.now,
        ctx.now,
        ctx.seq(),
      ).lastInsertRowid,
  );
  const after = postRow(ctx.db, id);
  ctx.audit({
    action: 'create',
    entity: 'service_post',
    entityId: id,
    summary: A.postCreate(input.name, c.name),
    after,
  });
  ctx.touch('service_post');
  return after;
}

export function updatePost(ctx: ActionCtx, input: ParsedInput<'posts.update'>): ServicePostRowT {
  const before = postRow(ctx.db, input.id);
  if (input.name !== undefined && input.name !== before.name)
    assertNameFree(ctx.db, before.communityId, input.name, before.id);
  if (input.headcount !== undefined && input.headcount < before.approvedCount)
    throw fieldError('headcount', E.headcountBelowApproved(before.approvedCount), 'CONFLICT');
  ctx.db.sqlite
    .prepare(
      `update service_post set name = ?, category = ?, headcount = ?, required_skills = ?, description = ?,
         updated_at = ?, change_seq = ? where id = ?`,
    )
    .run(
      input.name ?? before.name,
      input.category ?? before.category,
      input.headcount ?? before.headcount,
      JSON.stringify(input.requiredSkills !== undefined ? uniq(input.requiredSkills) : before.requiredSkills),
      input.description !== undefined ? nul(input.description) : before.description,
      ctx.now,
      ctx.seq(),
      input.id,
    );
  const after = postRow(ctx.db, input.id);
  const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(d.after).length > 0)
    ctx.audit({
      action: 'update',
      entity: 'service_post',
      entityId: input.id,
      summary: A.postUpdate(after.name),
      ...d,
    });
  ctx.touch('service_post');
  return after;
}

/** Soft delete; refused while the post has live (pending or approved) claims. */
export function deletePost(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = postRow(ctx.db, id);
  if (before.pendingCount + before.approvedCount > 0)
    throw new AppError('CONFLICT', E.postHasClaims(before.pendingCount, before.approvedCount), { field: 'id' });
  ctx.db.sqlite
    .prepare('update service_post set deleted_at = ?, updated_at = ?, change_seq = ? where id = ?')
    .run(ctx.now, ctx.now, ctx.seq(), id);
  ctx.audit({ action: 'delete', entity: 'service_post', entityId: id, summary: A.postDelete(before.name), before });
  ctx.touch('service_post');
  return { deleted: true };
}

// ------------------------------------------------------------------ claims

function claimant(
  db: StreetGridDb,
  input: { memberId?: number | undefined; unitId?: number | undefined },
): { kind: 'member' | 'unit'; id: number; name: string } {
  if (input.memberId !== undefined) {
    const m = db.sqlite
      .prepare('select id, name, status from member where id = ? and deleted_at is null')
      .get(input.memberId) as { id: number; name: string; status: string } | undefined;
    if (!m) throw new AppError('NOT_FOUND', ERR.memberNotFound, { field: 'memberId' });
    if (m.status !== 'active') throw new AppError('CONFLICT', E.claimMemberNotActive(m.name), { field: 'memberId' });
    return { kind: 'member', id: m.id, name: m.name };
  }
  const u = requireUnit(db, input.unitId ?? -1);
  return { kind: 'unit', id: u.id, name: u.name };
}

export function createClaim(ctx: ActionCtx, input: ParsedInput<'claims.create'>): PostClaimT {
  const today = localToday();
  const post = postRow(ctx.db, input.postId, 'postId');
  const who = claimant(ctx.db, input);
  const col = who.kind === 'member' ? 'member_id' : 'unit_id';
  const live = ctx.db.sqlite
    .prepare(`select status from post_claim where post_id = ? and ${col} = ? and status in ('pending', 'approved')`)
    .pluck()
    .get(post.id, who.id) as ClaimStatus | undefined;
  if (live)
    throw new AppError('CONFLICT', E.claimantHasLiveClaim(who.name, CLAIM_STATUS_LABELS[live]), {
      field: who.kind === 'member' ? 'memberId' : 'unitId',
    });
  const claimDate = input.claimDate ?? today;
  notInFuture(claimDate, 'claimDate', today);
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `insert into post_claim (post_id, member_id, unit_id, status, claim_date, note, created_at, updated_at, change_seq)
         values (?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
      )
      .run(
        post.id,
        who.kind === 'member' ? who.id : null,
        who.kind === 'unit' ? who.id : null,
        claimDate,
        nul(input.note),
        ctx.now,
        ctx.now,
        ctx.seq(),
      ).lastInsertRowid,
  );
  const after = claimRow(ctx.db, id);
  ctx.audit({
    action: 'create',
    entity: 'post_claim',
    entityId: id,
    summary: A.claimCreate(who.name, post.name),
    after,
  });
  ctx.touch('post_claim', 'service_post');
  return after;
}

type Decision = 'approve' | 'reject' | 'withdraw';

function decide(
  ctx: ActionCtx,
  input: { id: number; date?: string | undefined; note?: string | null | undefined },
  action: Decision,
): PostClaimT {
  const today = localToday();
  const before = claimRow(ctx.db, input.id);
  const post = postRow(ctx.db, before.postId);
  const allowed: ClaimStatus[] = action === 'withdraw' ? ['pending', 'approved'] : ['pending'];
  if (!allowed.includes(before.status))
    throw new AppError('CONFLICT', E.claimWrongStatus(CLAIM_STATUS_LABELS[before.status], COBUILD.actions[action]), {
      field: 'id',
    });
  const field = action === 'withdraw' ? 'withdrawnDate' : 'decidedDate';
  const date = input.date ?? today;
  notInFuture(date, field, today);
  if (date < before.claimDate) throw fieldError(field, E.dateBeforeClaim);
  if (action === 'approve') {
    if (post.approvedCount >= post.headcount)
      throw new AppError('CONFLICT', E.overClaim(post.headcount, post.approvedCount), { field: 'id' });
    if (before.memberId !== null) claimant(ctx.db, { memberId: before.memberId });
  }
  const status: ClaimStatus = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'withdrawn';
  const note = input.note !== undefined ? nul(input.note) : before.note;
  ctx.db.sqlite
    .prepare(
      `update post_claim set status = ?, ${action === 'withdraw' ? 'withdrawn_date' : 'decided_date'} = ?, note = ?,
         updated_at = ?, change_seq = ? where id = ?`,
    )
    .run(status, date, note, ctx.now, ctx.seq(), input.id);
  const after = claimRow(ctx.db, input.id);
  const summary =
    action === 'approve'
      ? A.claimApprove(before.claimantName, post.name)
      : action === 'reject'
        ? A.claimReject(before.claimantName, post.name)
        : A.claimWithdraw(before.claimantName, post.name);
  const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  ctx.audit({ action: 'update', entity: 'post_claim', entityId: input.id, summary, ...d });
  ctx.touch('post_claim', 'service_post');
  return after;
}

export function approveClaim(ctx: ActionCtx, input: ParsedInput<'claims.approve'>): PostClaimT {
  return decide(ctx, { id: input.id, date: input.decidedDate, note: input.note }, 'approve');
}

export function rejectClaim(ctx: ActionCtx, input: ParsedInput<'claims.reject'>): PostClaimT {
  return decide(ctx, { id: input.id, date: input.decidedDate, note: input.note }, 'reject');
}

/** Withdrawal keeps the row: status 已退出 with the date, so the post's history shows who held it. */
export function withdrawClaim(ctx: ActionCtx, input: ParsedInput<'claims.withdraw'>): PostClaimT {
  return decide(ctx, { id: input.id, date: input.withdrawnDate, note: input.note }, 'withdraw');
}

// ------------------------------------------------------------------ suggestions

/** Skills match when either contains the other, ignoring case ("法律" ~ "法律咨询", "excel" ~ "Excel 培训"). */
export function matchSkills(memberSkills: readonly string[], required: readonly string[]): string[] {
  const req = required.map((r) => r.trim().toLowerCase()).filter(Boolean);
  return memberSkills.filter((s) => {
    const k = s.trim().toLowerCase();
    return k !== '' && req.some((r) => k.includes(r) || r.includes(k));
  });
}

/**
 * In-register members of the post's community with at least one matching skill and no live claim on the post,
 * most matches first, then by name (pinyin). Phones masked; ID numbers never leave.
 */
export function suggestMembers(db: StreetGridDb, postId: number, limit = 50): PostSuggestionT[] {
  const post = postRow(db, postId, 'postId');
  if (post.requiredSkills.length === 0) return [];
  const rows = db.sqlite
    .prepare(
      `select m.id as memberId, m.name, m.gender, m.category, g.name as gridName, m.phone, m.skills, m.name_pinyin as pinyin
       from member m left join grid g on g.id = m.grid_id
       where m.community_id = ? and m.status = 'active' and m.deleted_at is null and m.skills != '[]'
         and not exists (select 1 from post_claim x where x.post_id = ? and x.member_id = m.id
                           and x.status in ('pending', 'approved'))`,
    )
    .all(post.communityId, post.id) as {
    memberId: number;
    name: string;
    gender: Gender;
    category: MemberCategory;
    gridName: string | null;
    phone: string | null;
    skills: string;
    pinyin: string;
  }[];
  const out: (PostSuggestionT & { pinyin: string })[] = [];
  for (const r of rows) {
    const skills = JSON.parse(r.skills) as string[];
    const matched = matchSkills(skills, post.requiredSkills);
    if (matched.length === 0) continue;
    out.push({
      memberId: r.memberId,
      name: r.name,
      gender: r.gender,
      category: r.category,
      gridName: r.gridName,
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
      skills,
      matched,
      pinyin: r.pinyin,
    });
  }
  out.sort(
    (a, b) =>
      b.matched.length - a.matched.length ||
      (a.pinyin < b.pinyin ? -1 : a.pinyin > b.pinyin ? 1 : 0) ||
      a.memberId - b.memberId,
  );
  return out.slice(0, limit).map(({ pinyin: _p, ...s }) => s);
}
