import ExcelJS from 'exceljs';
import { xlsxStream } from '../worker/lib/xlsx-write.ts';
import { sheetOf } from '../worker/lib/sheet.ts';
const TRICKY = ['=1+1', '+SUM(A1)', '-2', '@cmd', '中文,逗号', '他说"好"', 'a\r\nb', '😀👍🏽', '\u202Eabc', 'x'.repeat(2000), ' lead', 'a\u0001b', '_x0041_'];
const s = sheetOf([{ header: '文本', type: 'text', about: 'a' }, { header: '代码', type: 'code', about: 'b' }, { header: '日期', type: 'date', about: 'c' }, { header: '时间', type: 'datetime', about: 'd' }, { header: '率', type: 'rate', about: 'e' }, { header: '数', type: 'number', about: 'f' }],
  ['note 口径'], TRICKY.map((t, i) => [t, i % 2 ? '000000000000000001' : '13800138000', '2026-03-01', Date.parse('2026-03-01T01:30:00Z'), 0.875, i]));
const bytes = new Uint8Array(await new Response(await xlsxStream(s)).arrayBuffer());
const wb = new ExcelJS.Workbook();
await wb.xlsx.load(bytes);
const ws = wb.worksheets[0];
ws.eachRow((row, n) => { if (n < 16) console.log(n, JSON.stringify(row.values).slice(0, 200)); });
console.log(wb.worksheets.map(w => w.name), ws.views, ws.autoFilter);
console.log(JSON.stringify(wb.worksheets[1].getSheetValues().slice(0,6)));
