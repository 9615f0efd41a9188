import ExcelJS from 'exceljs';
import { readXlsx } from '../worker/lib/xlsx-read.ts';
const wb = new ExcelJS.Workbook();
const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
hidden.addRow(['不该读']);
const ws = wb.addWorksheet('企业');
ws.addRow(['企业名称', '统一社会信用代码', '日期', '公式', '数字']);
ws.addRow(['=1+1 公司', '914301000000000001', new Date(Date.UTC(2026, 2, 1)), { formula: 'A2&"x"', result: '=1+1 公司x' }, 13800138000]);
ws.addRow(['a\r\nb "q" 😀', 914301000000000001, new Date(Date.UTC(2026, 2, 1, 13, 30)), { formula: 'SUM(1,2)' }, 0.1 + 0.2]);
ws.getCell('C2').numFmt = 'yyyy-mm-dd';
ws.getCell('C3').numFmt = 'yyyy/m/d h:mm';
ws.addRow([{ richText: [{ text: '富' }, { text: '文本' }] }, '_x0041_', null, { error: '#N/A' }]);
const buf = new Uint8Array(await wb.xlsx.writeBuffer());
console.log(JSON.stringify(readXlsx(buf, 10), null, 1));
const wb2 = new ExcelJS.Workbook(); const w2 = wb2.addWorksheet('x'); w2.addRow(['标题']); w2.mergeCells('A1:C1'); w2.addRow(['a','b','c']);
try { readXlsx(new Uint8Array(await wb2.xlsx.writeBuffer()), 10); } catch (e) { console.log(e.problem, e.detail); }
