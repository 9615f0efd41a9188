// The import templates: each kind's header row and an example row, as CSV or as .xlsx. In the .xlsx
// template the code columns (统一社会信用代码) carry the text format, so a code typed into them stays
// text instead of becoming a number that loses its last digits (issue 21). The "说明" sheet lists what
// each column takes, from the same hints as the import page.
import { creditCodeCheckChar } from '../../schema/credit-code';
import { ASSIGNMENT_COLUMNS, type ColumnSpec, ENTERPRISE_COLUMNS, OFFICER_COLUMNS } from '../../schema/inputs/imports';
import { LEDGER_COLUMNS } from '../../schema/inputs/ledger-import';
import { type MessageKey, translator } from '../../web/i18n';
import { csvDocument } from '../lib/csv';
import { attachment } from '../lib/filename';
import { sheetOf } from '../lib/sheet';
import { xlsxResponse, xlsxStream } from '../lib/xlsx-write';

export const TEMPLATE_FORMATS = ['csv', 'xlsx'] as const;
type Kind = 'enterprises' | 'assignments' | 'officers' | 'ledger';

const exampleBody = '91430100MA4T00001';
const exampleCode = exampleBody + creditCodeCheckChar(exampleBody);
const TEMPLATES: Record<Kind, { name: string; columns: readonly ColumnSpec[]; example: string[] }> = {
  enterprises: {
    name: '企业名单模板',
    columns: ENTERPRISE_COLUMNS,
    example: ['示例生物医药有限公司', exampleCode, '高新区', '生物医药', '药品', '是', '张三', '0731-88880000'],
  },
  assignments: {
    name: '结对名单模板',
    columns: ASSIGNMENT_COLUMNS,
    example: [exampleCode, 'zhangwei', '市编委办', '是', '2026-01-01', ''],
  },
  officers: { name: '帮扶干部名单模板', columns: OFFICER_COLUMNS, example: ['zhangwei', '张伟', '市编委办', '13800000000'] },
  ledger: {
    name: '问题台账模板',
    columns: LEDGER_COLUMNS,
    example: [
      exampleCode,
      '示例生物医药有限公司',
      '政策兑现',
      '研发费用加计扣除政策兑现进度慢',
      '2026-03-05',
      'zhangwei',
      '市科技局',
      '市税务局、市财政局',
      '2026-03-26',
      '已办结',
      '已与税务部门对接',
      '2026-03-20',
      '已完成兑现',
      '满意',
    ],
  },
};

export async function importTemplate(kind: Kind, format: (typeof TEMPLATE_FORMATS)[number]): Promise<Response> {
  const { name, columns, example } = TEMPLATES[kind];
  if (format === 'csv') {
    return new Response(csvDocument([columns.map((col) => col.zh), example]), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(`${name}.csv`, `${kind}-template.csv`) },
    });
  }
  const zh = translator('zh');
  const sheet = sheetOf(
    columns.map((col) => ({
      header: col.zh,
      type: col.text ? ('code' as const) : ('text' as const),
      about: `${col.required ? `${zh('import.required')} ` : ''}${zh(col.hint as MessageKey)}`,
    })),
    [zh('import.templateNote')],
    [example],
  );
  return xlsxResponse(await xlsxStream(sheet), `${name}.xlsx`, `${kind}-template.xlsx`);
}
