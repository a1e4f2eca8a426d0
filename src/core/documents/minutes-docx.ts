// 会议纪要 as .docx (offices edit it in WPS/Word) with the structure of the HTML document (./minutes.ts): title,
// intro, 一、 headings (黑体) with （一） sub-headings (楷体), paragraphs indented two characters, 出席 / 列席 / 请假
// lines with hanging indents, the 印发 line, and page numbers 「— 1 —」 outside (odd right, even left) in the footers.
// Page and grid per GB/T 9704-2012: A4, margins 37/26/35/28 mm, a document grid of 22 lines × 28 characters, fonts
// named as the offices have them (方正小标宋简体 / 仿宋_GB2312 / 黑体 / 楷体_GB2312, eastAsia attributes set).
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
  type IRunOptions,
} from 'docx';
import type { MinutesContentT, StreetT } from '../../shared/contract';
import { MINUTES } from '../../shared/messages';
import { dateZh } from './html';
import {
  BODY_PT,
  cnNumber,
  LETTER_SPACING_PT,
  LINE_PT,
  MINUTES_MARGINS_MM,
  PAGE_NUMBER_PT,
  PITCH_PT,
  TITLE_PT,
} from './minutes';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 1 mm in twentieths of a point (twips). */
const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);
const pt = (v: number) => Math.round(v * 20);

const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
} as const;

type FontKey = keyof typeof FONTS;

function font(key: FontKey): IRunOptions['font'] {
  const name = FONTS[key];
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name };
}

function run(text: string, key: FontKey = 'body', sizePt = BODY_PT): TextRun {
  return new TextRun({ text, font: font(key), size: sizePt * 2 });
}

/** Exactly 28.95 pt per line: 22 lines in the 225 mm text block. */
const LINE = { line: pt(LINE_PT), lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
const INDENT_2 = { firstLineChars: 200, firstLine: pt(2 * PITCH_PT) } as const;

function para(children: TextRun[], opts: { indent?: boolean; center?: boolean } = {}): Paragraph {
  return new Paragraph({
    children,
    spacing: LINE,
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.BOTH,
    ...(opts.indent === false || opts.center ? {} : { indent: INDENT_2 }),
  });
}

function bodyParagraph(p: string): Paragraph {
  const m = /^（[一二三四五六七八九十]+）/.exec(p);
  if (!m) return para([run(p)]);
  const end = p.indexOf('。', m[0].length);
  const head = end < 0 ? m[0] : p.slice(0, end + 1);
  const rest = p.slice(head.length);
  return para(rest ? [run(head, 'kai'), run(rest)] : [run(head, 'kai')]);
}

function attendance(label: string, names: string[]): Paragraph[] {
  if (names.length === 0) return [];
  return [
    new Paragraph({
      children: [run(`${label}：`, 'hei'), run(names.join('、'))],
      spacing: LINE,
      alignment: AlignmentType.LEFT,
      // 2 characters in, then the label (3 characters): continuation lines start after the colon.
      indent: { left: pt(5 * PITCH_PT), hanging: pt(3 * PITCH_PT) },
    }),
  ];
}

function pageNumberFooter(side: 'left' | 'right'): Footer {
  const size = PAGE_NUMBER_PT * 2;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: pt(PAGE_NUMBER_PT) } : { left: pt(PAGE_NUMBER_PT) },
        children: [
          new TextRun({ text: '— ', font: font('song'), size }),
          new TextRun({ children: [PageNumber.CURRENT], font: font('song'), size }),
          new TextRun({ text: ' —', font: font('song'), size }),
        ],
      }),
    ],
  });
}

/** The minutes as a .docx file. */
export async function minutesDocx(content: MinutesContentT, street: Pick<StreetT, 'name'> | null): Promise<Buffer> {
  const L = MINUTES.labels;
  const issuer = content.issuer?.trim() || street?.name || '';
  const children: Paragraph[] = [
    para([run(content.title, 'title', TITLE_PT)], { center: true }),
    ...(content.issue ? [para([run(content.issue)], { center: true })] : []),
    para([]),
    ...content.intro.filter((p) => p.trim()).map(bodyParagraph),
  ];
  content.sections.forEach((s, i) => {
    const heading = /^[一二三四五六七八九十]+、/.test(s.heading) ? s.heading : `${cnNumber(i + 1)}、${s.heading}`;
    children.push(para([run(heading, 'hei')]));
    for (const p of s.paragraphs.filter((x) => x.trim())) children.push(bodyParagraph(p));
  });
  children.push(para([], { indent: false }));
  children.push(...attendance(L.present, content.present));
  children.push(...attendance(L.observers, content.observers));
  children.push(...attendance(L.leave, content.leave));
  if (issuer) {
    const border = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 } as const;
    const textWidth = mm(210 - MINUTES_MARGINS_MM.left - MINUTES_MARGINS_MM.right);
    children.push(para([], { indent: false }));
    children.push(
      new Paragraph({
        children: [
          run(issuer, 'body', PAGE_NUMBER_PT),
          new TextRun({ text: '\t', size: PAGE_NUMBER_PT * 2 }),
          run(L.issued(dateZh(content.date)), 'body', PAGE_NUMBER_PT),
        ],
        spacing: LINE,
        indent: { left: pt(PAGE_NUMBER_PT), right: pt(PAGE_NUMBER_PT) },
        tabStops: [{ type: TabStopType.RIGHT, position: textWidth - pt(2 * PAGE_NUMBER_PT) }],
        border: { top: border, bottom: border },
        keepLines: true,
      }),
    );
  }

  const doc = new Document({
    creator: 'StreetGrid 街道网格通',
    title: content.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font('body'), size: BODY_PT * 2 },
          paragraph: { spacing: LINE },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(MINUTES_MARGINS_MM.top),
              right: mm(MINUTES_MARGINS_MM.right),
              bottom: mm(MINUTES_MARGINS_MM.bottom),
              left: mm(MINUTES_MARGINS_MM.left),
              header: mm(15),
              // The page number sits 7 mm below the text block: 35 − 7 − one 4号 line ≈ 23 mm above the edge.
              footer: mm(MINUTES_MARGINS_MM.bottom - 7) - pt(PAGE_NUMBER_PT * 1.3),
              gutter: 0,
            },
          },
          // 28 characters × 22 lines: charSpace is the pitch delta from the 16pt font in 1/4096 pt.
          grid: {
            type: DocumentGridType.LINES_AND_CHARS,
            linePitch: pt(LINE_PT),
            charSpace: Math.round(LETTER_SPACING_PT * 4096),
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
