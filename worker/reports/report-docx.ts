// The work report as a Word file (issue 19): offices edit reports in Word or WPS before handing them up.
// Written as the five WordprocessingML parts it needs (ECMA-376 Part 1) and zipped with fflate, which the
// .xlsx exports already bundle (worker/lib/xlsx-write.ts). A .docx library (docx, docxtemplater) brings a
// whole document object model into a Worker held under its bundle ceiling (scripts/bundle-size.mjs), to
// write what here is a few strings: headings, paragraphs, tables; written by hand it costs ≈ 5 KiB gzip
// (bench/notes.md).
//
// Layout: the basic 公文 format of GB/T 9704-2012 — A4; margins of its 版心 (156 × 225 mm: top 37 mm,
// left 28 mm); title in 2号 方正小标宋简体, body in 3号 仿宋_GB2312 (16 pt) on a 22-line page (exact
// line spacing 28.95 pt); 一级标题 in 黑体, 二级 in 楷体_GB2312; 落款 and date at the end, the date four
// characters from the right. Machines without the GB fonts get the ones named as fallbacks in
// fontTable.xml (w:altName, plus the GB2312 charset, by which Word and WPS pick a substitute).
import { strToU8, zipSync } from 'fflate';
import { relationships, XML_DECLARATION, xmlPlain } from '../lib/xml';
import type { DocTable, ReportDocument } from './report.document';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const XML = XML_DECLARATION;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', h1: '黑体', h2: '楷体_GB2312', latin: 'Times New Roman' } as const;
/** The fallbacks: what Windows and WPS ship (and the family the GB2312 charset finds on other systems). */
const FALLBACK: Record<string, [alt: string, family: 'roman' | 'swiss' | 'modern']> = {
  [FONT.title]: ['宋体', 'roman'],
  [FONT.body]: ['仿宋', 'modern'],
  [FONT.h1]: ['SimHei', 'modern'],
  [FONT.h2]: ['楷体', 'modern'],
};

/** Half-points: 2号 22 pt, 3号 16 pt, 小四 12 pt, 小五 9 pt. */
const SIZE = { title: 44, body: 32, table: 24, wideTable: 18 } as const;
/** Twips: A4 and the margins of the 版心; 28.95 pt lines (22 to the 225 mm 版心); one 3号 character, 16 pt. */
const PAGE = { w: 11906, h: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 } as const;
const LINE = 579;
const CHAR = 320;
const TEXT_WIDTH = PAGE.w - PAGE.left - PAGE.right;

const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/></Types>`;
const ROOT_RELS = relationships([['officeDocument', 'word/document.xml']]);
const DOCUMENT_RELS = relationships([
  ['styles', 'styles.xml'],
  ['fontTable', 'fontTable.xml'],
]);

const FONT_TABLE = `${XML}<w:fonts xmlns:w="${W}">${Object.entries(FALLBACK)
  .map(
    ([name, [alt, family]]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`,
  )
  .join('')}<w:font w:name="${FONT.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

const fonts = (eastAsia: string) =>
  `<w:rFonts w:ascii="${FONT.latin}" w:hAnsi="${FONT.latin}" w:eastAsia="${eastAsia}" w:cs="${FONT.latin}"/>`;
const spacing = `<w:spacing w:before="0" w:after="0" w:line="${LINE}" w:lineRule="exact"/>`;
/** Paragraph styles; "heading 1/2" by their built-in names, so Word's navigation pane and outline show them. */
const style = (id: string, name: string, ppr: string, rpr: string, extra = '') =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/>${extra}<w:qFormat/><w:pPr>${ppr}</w:pPr><w:rPr>${rpr}</w:rPr></w:style>`;
const STYLES = `${XML}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>${fonts(FONT.body)}<w:sz w:val="${SIZE.body}"/><w:szCs w:val="${SIZE.body}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>${spacing}<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>${[
  style(
    'Title',
    'Title',
    `<w:jc w:val="center"/><w:spacing w:before="0" w:after="${LINE}" w:line="${LINE}" w:lineRule="exact"/>`,
    `${fonts(FONT.title)}<w:sz w:val="${SIZE.title}"/><w:szCs w:val="${SIZE.title}"/>`,
  ),
  style('Subtitle', 'Subtitle', '<w:jc w:val="center"/>', `${fonts(FONT.h2)}`),
  style(
    'Heading1',
    'heading 1',
    `<w:keepNext/><w:ind w:firstLine="${2 * CHAR}"/><w:outlineLvl w:val="0"/>`,
    fonts(FONT.h1),
    '<w:next w:val="Normal"/>',
  ),
  style(
    'Heading2',
    'heading 2',
    `<w:keepNext/><w:ind w:firstLine="${2 * CHAR}"/><w:outlineLvl w:val="1"/>`,
    fonts(FONT.h2),
    '<w:next w:val="Normal"/>',
  ),
  style('BodyText', 'Body Text', `<w:ind w:firstLine="${2 * CHAR}"/>`, ''),
  style('TableText', 'Table Text', '<w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="auto"/><w:jc w:val="center"/>', ''),
  style('Signature', 'Signature', `<w:jc w:val="right"/><w:ind w:right="${4 * CHAR}"/>`, ''),
].join(
  '',
)}<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`;

/** A run of text: line breaks and tabs as Word's own w:br and w:tab (inside w:t they would read as spaces). */
const run = (text: string, rpr = '') =>
  `<w:r>${rpr ? `<w:rPr>${rpr}</w:rPr>` : ''}${text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .split('\t')
        .map((part) => (part ? `<w:t xml:space="preserve">${xmlPlain(part)}</w:t>` : ''))
        .join('<w:tab/>'),
    )
    .join('<w:br/>')}</w:r>`;
const para = (styleId: string, text: string, rpr = '') => `<w:p><w:pPr><w:pStyle w:val="${styleId}"/></w:pPr>${run(text, rpr)}</w:p>`;

const BORDER = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
  .join('');

function table({ head, rows }: DocTable): string {
  const sz = head.length > 6 ? SIZE.wideTable : SIZE.table;
  const rpr = `<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/>`;
  const width = Math.floor(TEXT_WIDTH / head.length);
  const cell = (text: string, bold = false) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>${para('TableText', text, `${bold ? '<w:b/>' : ''}${rpr}`)}</w:tc>`;
  // The header row repeats on every page a long table runs over (w:tblHeader).
  const header = `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${head.map((h) => cell(h, true)).join('')}</w:tr>`;
  const body = rows
    .map((r) => `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cell(r.label)}${r.cells.map((c) => cell(c)).join('')}</w:tr>`)
    .join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="${width * head.length}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${BORDER}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${head
    .map(() => `<w:gridCol w:w="${width}"/>`)
    .join('')}</w:tblGrid>${header}${body}</w:tbl><w:p/>`;
}

export function documentXml(doc: ReportDocument): string {
  const body = [
    para('Title', doc.title),
    para('Subtitle', doc.period),
    ...doc.sections.flatMap((s) => [
      para('Heading1', s.heading),
      ...s.blocks.map((b) => ('p' in b ? para('BodyText', b.p) : 'h3' in b ? para('Heading2', b.h3) : table(b.table))),
    ]),
    ...doc.notes.map((n) => para('BodyText', n)),
    // 落款: a blank line, the office, the date (GB/T 9704-2012 §7.3.5.2, without a seal).
    '<w:p/>',
    ...(doc.office ? [para('Signature', doc.office)] : []),
    para('Signature', doc.date),
  ].join('');
  const section = `<w:sectPr><w:pgSz w:w="${PAGE.w}" w:h="${PAGE.h}"/><w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="${LINE}"/></w:sectPr>`;
  return `${XML}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}${section}</w:body></w:document>`;
}

/** The .docx file: small (tens of KB), so written at once rather than streamed. */
export function reportDocx(doc: ReportDocument): Uint8Array {
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'word/document.xml': strToU8(documentXml(doc)),
      'word/styles.xml': strToU8(STYLES),
      'word/fontTable.xml': strToU8(FONT_TABLE),
      'word/_rels/document.xml.rels': strToU8(DOCUMENT_RELS),
    },
    { level: 6 },
  );
}
