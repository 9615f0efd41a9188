// The work report's Word file read back with a real parser, mammoth (issue 19): every heading, sentence
// and table cell of the report page comes back from the .docx, in order; the tricky values (markup,
// quotes, emoji, U+202E, line breaks, tabs, 2,000 characters) come back exactly as written.
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../worker/reports/report.document.ts';
import { reportDocx } from '../../worker/reports/report-docx.ts';
import { TRICKY } from '../fixtures/tricky.ts';
import { type App, startApp } from './app.ts';

/** Title in its own class, headings 1 and 2 as h2 and h3 — as the report page marks them up. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='heading 1'] => h2:fresh",
  "p[style-name='heading 2'] => h3:fresh",
  // The body styles are paragraphs (mapped, so that an unknown style would warn).
  ...['Subtitle', 'Body Text', 'Table Text', 'Signature'].map((name) => `p[style-name='${name}'] => p:fresh`),
];

const decode = (html: string) =>
  html
    .replace(/<br \/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '');

/** The text of each heading, paragraph and table cell, in document order (mammoth wraps a cell's text in a <p>). */
function blocks(html: string): string[] {
  const flat = html.replace(/<(td|th)><p>(.*?)<\/p><\/\1>/gs, '<$1>$2</$1>');
  return [...flat.matchAll(/<(h[1-3]|p|th|td)(?: [^>]*)?>(.*?)<\/\1>/gs)].map(
    (m) => `${m[1] === 'th' || m[1] === 'td' ? 'cell' : m[1]}:${decode(m[2] ?? '')}`,
  );
}

async function readBack(bytes: ArrayBuffer | Uint8Array) {
  const { value, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes as ArrayBuffer) }, { styleMap: STYLE_MAP });
  return { html: value, warnings: messages.filter((m) => m.type === 'warning').map((m) => m.message) };
}

describe('the .docx writer', () => {
  it('writes tricky text that reads back exactly', async () => {
    const doc: ReportDocument = {
      title: TRICKY[12] ?? '',
      period: TRICKY[8] ?? '',
      sections: [
        { heading: TRICKY[9] ?? '', blocks: TRICKY.map((p) => ({ p })) },
        { heading: '表', blocks: [{ table: { head: ['名称', '值'], rows: TRICKY.map((t) => ({ label: t, cells: [t] })) } }] },
      ],
      notes: [],
      office: '<办公室> & "专班"',
      date: '2026年12月7日',
    };
    const { html, warnings } = await readBack(reportDocx(doc));
    expect(warnings).toEqual([]);
    const text = blocks(html);
    // mammoth writes a CR as a line break, as Word shows it.
    const expected = (t: string) => t.replace(/\r\n|\r/g, '\n');
    expect(text.slice(0, 3)).toEqual([`h1:${doc.title}`, `p:${doc.period}`, `h2:${TRICKY[9]}`]);
    expect(text.slice(3, 3 + TRICKY.length)).toEqual(TRICKY.map((t) => `p:${expected(t)}`));
    const cells = text.filter((b) => b.startsWith('cell:'));
    expect(cells).toEqual(['cell:名称', 'cell:值', ...TRICKY.flatMap((t) => [`cell:${expected(t)}`, `cell:${expected(t)}`])]);
    expect(text.slice(-2)).toEqual(['p:<办公室> & "专班"', 'p:2026年12月7日']);
  });
});

describe('/admin/report.docx on a generated programme', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp('report');
  });
  afterAll(() => app?.worker.stop());

  it('holds every heading, sentence and table cell of the report page', async () => {
    const page = await app.get('/admin/report');
    expect(page.status).toBe(200);
    const body = await page.text();
    const main = body.slice(body.indexOf('<main class="report">'), body.indexOf('</main>'));
    const res = await app.get('/admin/report.docx');
    expect(res.status).toBe(200);
    const { html, warnings } = await readBack(await res.arrayBuffer());
    expect(warnings).toEqual([]);
    const fromPage = blocks(main).filter((b) => b !== 'p:');
    const fromWord = blocks(html).filter((b) => b !== 'p:');
    expect(fromPage.length).toBeGreaterThan(100);
    expect(fromWord).toEqual(fromPage);
    // The headings, a figure and the 落款, by name.
    expect(fromWord.filter((b) => b.startsWith('h2:'))).toEqual([
      'h2:一、总体情况',
      'h2:二、主要数据',
      'h2:三、各单位情况',
      'h2:四、企业反映问题类别',
      'h2:五、满意度评价',
      'h2:六、附录：干部自述与企业回答核对',
      'h2:七、附录：主要比率的95%置信区间',
    ]);
    expect(fromWord.some((b) => /^p:.*共结对帮扶企业 \d+ 家/.test(b))).toBe(true);
    expect(fromWord.at(-1)).toMatch(/^p:\d{4}年\d{1,2}月\d{1,2}日$/);
  });
});
