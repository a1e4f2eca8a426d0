// 会议纪要 (issue 5): the minutes generated from a meeting record (read with plain SQL, independent of the meetings
// service) and laid out as HTML per GB/T 9704-2012 and its 纪要 rules: A4, margins 37 (top) / 28 (left, binding) /
// 35 / 26 mm, a 156 × 225 mm text block holding 28 characters × 22 lines of 3号 仿宋, a 2号 小标宋 title, 一、 (黑体)
// and （一） (楷体) headings, 出席 / 列席 / 请假 lines with hanging indents, and page numbers 「— 1 —」 in 4号 宋体
// outside (odd pages right, even pages left), 7 mm under the text block, drawn by CSS @page :right/:left margin boxes
// (supported since Chromium 131; Electron 40 ships 144): the PDF port and the system print dialog both print them
// from the document alone, with no header/footer template (which could not tell odd from even pages).
import type { DocumentT, MinutesContentT, StreetT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { MINUTES } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { dateZh, documentShell, escapeHtml, FONT_STACKS } from './html';

// ---------------------------------------------------------------- layout numbers (GB/T 9704-2012)

const PT_PER_MM = 72 / 25.4;

/** Page margins in mm: top, right, bottom, left (left = 订口, the binding edge). */
export const MINUTES_MARGINS_MM = { top: 37, right: 26, bottom: 35, left: 28 } as const;
/** The text block (版心): 156 × 225 mm. */
export const TEXT_BLOCK_MM = { width: 156, height: 225 } as const;
export const CHARS_PER_LINE = 28;
export const LINES_PER_PAGE = 22;
/** 3号 = 16pt body; 2号 = 22pt title; 4号 = 14pt page numbers. */
export const BODY_PT = 16;
export const TITLE_PT = 22;
export const PAGE_NUMBER_PT = 14;

/**
 * Character pitch: 156 mm / 28 = 15.793 pt. A 16pt full-width character is 16 pt wide, so letter-spacing is
 * pitch − 16 pt, rounded down by a few thousandths of a point so 28 characters never overflow the 156 mm line by
 * rounding (29 would need 161.2 mm).
 */
const IDEAL_PITCH_PT = (TEXT_BLOCK_MM.width * PT_PER_MM) / CHARS_PER_LINE;
export const LETTER_SPACING_PT = Math.floor((IDEAL_PITCH_PT - BODY_PT) * 1000 - 5) / 1000; // −0.212
export const PITCH_PT = BODY_PT + LETTER_SPACING_PT; // 15.788
/**
 * Line pitch: 225 mm / 22 = 28.99 pt, taken down to 28.95 pt (the value Word/WPS 公文 templates use) so 22 lines
 * (636.9 pt) always fit the 637.8 pt text block and a 23rd never does.
 */
export const LINE_PT = Math.floor(((TEXT_BLOCK_MM.height * PT_PER_MM) / LINES_PER_PAGE) * 20) / 20; // 28.95

const SONG_NUMERALS = '"SimSun", "宋体", "STSong", "Noto Serif CJK SC", serif';

// ---------------------------------------------------------------- generating from the meeting record

interface MeetingRecord {
  id: number;
  date: string;
  startTime: string | null;
  place: string | null;
  chairName: string | null;
  recorderName: string | null;
  subject: string | null;
  bodyName: string;
  communityName: string | null;
}

export function loadMeetingRecord(db: StreetGridDb, meetingId: number): MeetingRecord {
  const row = db.sqlite
    .prepare(
      `select m.id, m.date, m.start_time as startTime, m.place, m.chair_name as chairName,
              m.recorder_name as recorderName, m.subject, b.name as bodyName, c.name as communityName
         from meeting m
         join meeting_body b on b.id = m.body_id
         left join community c on c.id = coalesce(b.community_id, m.community_id)
        where m.id = ? and m.deleted_at is null`,
    )
    .get(meetingId) as MeetingRecord | undefined;
  if (!row) throw new AppError('NOT_FOUND', MINUTES.meetingNotFound, { field: 'meetingId' });
  return row;
}

function streetName(db: StreetGridDb): string | null {
  const r = db.sqlite.prepare('select name from street order by id limit 1').get() as { name: string } | undefined;
  return r?.name ?? null;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 2026-11-22 + 09:00 → 2026年11月22日（星期日）上午9:00. */
export function meetingTimeZh(date: string, time: string | null): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  let s = `${dateZh(date)}（星期${weekday}）`;
  const t = time ? /^(\d{1,2}):(\d{2})/.exec(time) : null;
  if (t) {
    const h = Number(t[1]);
    const period = h < 12 ? '上午' : h === 12 ? '中午' : h < 18 ? '下午' : '晚上';
    s += `${period}${h > 12 ? h - 12 : h}:${t[2]}`;
  }
  return s;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 31 → 三十一 (enough for 30 sections / 100 decisions). */
export function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

function sentence(s: string): string {
  const t = s.trim();
  return /[。！？；]$/.test(t) ? t : `${t}。`;
}

function lines(text: string | null): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** A fresh 会议纪要 from the meeting record (not saved). */
export function generateMinutes(db: StreetGridDb, meetingId: number): MinutesContentT {
  const m = loadMeetingRecord(db, meetingId);
  const attendees = db.sqlite
    .prepare(
      `select a.person_name as name, a.attendance, a.reason, u.name as unitName
         from meeting_attendee a left join unit u on u.id = a.unit_id
        where a.meeting_id = ? order by a.sort_order, a.id`,
    )
    .all(meetingId) as { name: string; attendance: string; reason: string | null; unitName: string | null }[];
  const items = db.sqlite
    .prepare('select title, discussion from agenda_item where meeting_id = ? order by sort_order, id')
    .all(meetingId) as { title: string; discussion: string | null }[];
  const decisions = db.sqlite
    .prepare(
      `select d.content, d.responsible_name as person, d.deadline, u.name as unitName
         from decision d left join unit u on u.id = d.responsible_unit_id
        where d.meeting_id = ? order by d.sort_order, d.id`,
    )
    .all(meetingId) as { content: string; person: string | null; deadline: string | null; unitName: string | null }[];

  const T = MINUTES.generated;
  const who = (a: { name: string; unitName: string | null }) => (a.unitName ? `${a.name}（${a.unitName}）` : a.name);
  const present = attendees.filter((a) => a.attendance === 'present').map(who);
  const observers = attendees.filter((a) => a.attendance === 'observer').map(who);
  const leave = attendees
    .filter((a) => a.attendance === 'leave')
    .map((a) => {
      const notes = [a.unitName, a.reason?.trim()].filter((x): x is string => !!x);
      return notes.length ? `${a.name}（${notes.join('，')}）` : a.name;
    });

  const intro = [
    T.intro({
      when: meetingTimeZh(m.date, m.startTime),
      body: m.bodyName,
      place: m.place,
      subject: m.subject,
      chair: m.chairName,
      recorder: m.recorderName,
      items: items.map((i) => i.title),
      decisions: decisions.length,
    }),
  ];
  const sections: MinutesContentT['sections'] = items.map((i) => ({
    heading: i.title,
    paragraphs: lines(i.discussion),
  }));
  if (decisions.length > 0) {
    sections.push({
      heading: T.decisionsHeading,
      paragraphs: decisions.map((d, i) => {
        const parts = [T.responsible(d.unitName, d.person)];
        if (d.deadline) parts.push(T.deadline(dateZh(d.deadline)));
        return `（${cnNumber(i + 1)}）${sentence(d.content)}${parts.filter(Boolean).join('；')}。`;
      }),
    });
  }
  return {
    title: `${m.bodyName}${T.titleSuffix}`,
    issue: null,
    intro,
    sections,
    present,
    observers,
    leave,
    issuer: m.communityName ?? streetName(db),
    date: m.date,
  };
}

// ---------------------------------------------------------------- the GB/T 9704 layout

/**
 * Chromium centres each character in its 28.95pt line box, so the glyphs of a line start half the leading (2.28 mm)
 * below the box. The page box is moved up by that much (top 34.72 mm, bottom 37.28 mm; still 225 mm and 22 lines
 * tall) so the first line's characters start at 37 mm — the 天头 is 37 mm of white — and the last line's end inside
 * the 225 mm block.
 */
export const GLYPH_OFFSET_MM = Math.round(((LINE_PT - BODY_PT) / 2 / PT_PER_MM) * 100) / 100; // 2.28
const { right, left } = MINUTES_MARGINS_MM;
const top = (MINUTES_MARGINS_MM.top - GLYPH_OFFSET_MM).toFixed(2);
const bottom = (MINUTES_MARGINS_MM.bottom + GLYPH_OFFSET_MM).toFixed(2);

const pageNumberBox = (side: 'left' | 'right') => `@bottom-${side} {
    content: "— " counter(page) " —";
    font-family: ${SONG_NUMERALS}; font-size: ${PAGE_NUMBER_PT}pt; line-height: 1; letter-spacing: 0;
    vertical-align: top; text-align: ${side}; padding-top: ${(7 + GLYPH_OFFSET_MM).toFixed(2)}mm; padding-${side}: 1em; }`;

const CSS = `
@page :right { ${pageNumberBox('right')} }
@page :left { ${pageNumberBox('left')} }
:root { --pitch: ${PITCH_PT}pt; --line: ${LINE_PT}pt; }
body { font-family: ${FONT_STACKS.fangsong}; font-size: ${BODY_PT}pt; line-height: var(--line);
  letter-spacing: ${LETTER_SPACING_PT}pt; text-align: justify; text-justify: inter-character;
  widows: 1; orphans: 1; font-kerning: none; }
p { margin: 0; }
.minutes-title { font-family: ${FONT_STACKS.song}; font-weight: normal; font-size: ${TITLE_PT}pt;
  line-height: var(--line); letter-spacing: 0; text-align: center; margin: 0; }
.issue { text-align: center; letter-spacing: 0; }
.title-gap { height: var(--line); }
.para { text-indent: calc(2 * var(--pitch)); }
.h1 { font-family: ${FONT_STACKS.hei}; font-weight: normal; text-indent: calc(2 * var(--pitch)); break-after: avoid; }
.kai { font-family: ${FONT_STACKS.kai}; }
.attendance { margin-top: var(--line); }
.att { padding-left: calc(5 * var(--pitch)); text-indent: calc(-3 * var(--pitch)); text-align: left; }
.att .label { font-family: ${FONT_STACKS.hei}; }
.imprint { margin-top: var(--line); break-inside: avoid; font-size: ${PAGE_NUMBER_PT}pt; letter-spacing: 0;
  border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; display: flex; justify-content: space-between;
  padding: 0 1em; line-height: 7mm; }`;

/** A heading numbered 一、 unless the user already wrote a number. */
function headingText(h: string, i: number): string {
  return /^[一二三四五六七八九十]+、/.test(h) ? h : `${cnNumber(i + 1)}、${h}`;
}

/** A paragraph; one starting with （一） gets that sub-heading (up to its first 。) in 楷体. */
export function paragraphHtml(p: string): string {
  const m = /^（[一二三四五六七八九十]+）/.exec(p);
  if (!m) return `<p class="para">${escapeHtml(p)}</p>`;
  const end = p.indexOf('。', m[0].length);
  const head = end < 0 ? m[0] : p.slice(0, end + 1);
  return `<p class="para"><span class="kai">${escapeHtml(head)}</span>${escapeHtml(p.slice(head.length))}</p>`;
}

function attendanceHtml(label: string, names: string[]): string {
  if (names.length === 0) return '';
  return `<p class="att"><span class="label">${escapeHtml(label)}：</span>${escapeHtml(names.join('、'))}</p>`;
}

/** The minutes as one self-contained HTML document in the GB/T 9704 纪要 layout. */
export function minutesHtml(content: MinutesContentT, street: Pick<StreetT, 'name'> | null): string {
  const L = MINUTES.labels;
  const issuer = content.issuer?.trim() || street?.name || '';
  const body = `
<h1 class="minutes-title">${escapeHtml(content.title)}</h1>
${content.issue ? `<p class="issue">${escapeHtml(content.issue)}</p>` : ''}
<div class="title-gap"></div>
${content.intro
  .filter((p) => p.trim())
  .map(paragraphHtml)
  .join('\n')}
${content.sections
  .map(
    (s, i) =>
      `<p class="h1">${escapeHtml(headingText(s.heading, i))}</p>\n${s.paragraphs
        .filter((p) => p.trim())
        .map(paragraphHtml)
        .join('\n')}`,
  )
  .join('\n')}
<div class="attendance">
${attendanceHtml(L.present, content.present)}
${attendanceHtml(L.observers, content.observers)}
${attendanceHtml(L.leave, content.leave)}
</div>
${issuer ? `<div class="imprint"><span>${escapeHtml(issuer)}</span><span>${escapeHtml(L.issued(dateZh(content.date)))}</span></div>` : ''}`;
  return documentShell({
    title: content.title,
    paper: 'A4',
    body,
    extraCss: CSS,
    margin: `${top}mm ${right}mm ${bottom}mm ${left}mm`,
  });
}

export function renderMinutes(content: MinutesContentT, street: Pick<StreetT, 'name'> | null): DocumentT {
  return { title: content.title, html: minutesHtml(content, street) };
}
