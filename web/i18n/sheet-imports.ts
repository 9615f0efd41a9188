import { defineMessages, english } from './define';

// Imports from .xlsx and the bulk officer import (issue 21): what a workbook can get wrong, and the
// officer list's columns and setup links. The CSV import's own strings stay in imports.ts.
export const sheetImports = defineMessages({
  'import.officers': '帮扶干部名单',
  'import.officersAbout': '按账号新建或更新帮扶干部；新账号导入后各得到一个一次性设置密码的链接，已有账号更新姓名、单位和电话。',
  'import.previewOfficers': '帮扶干部名单导入预览',
  'import.doneOfficers': '帮扶干部名单已导入：新增 {created} 人，更新 {updated} 人，无变化 {unchanged} 人。',
  'import.templateXlsx': 'Excel（.xlsx）',
  'import.templateCsv': 'CSV',
  'import.templateNote': '第一行为表头，请勿修改列名；第二行是示例，导入前请删除。统一社会信用代码列已设为文本格式，直接输入即可。',
  'import.col.login': '账号',
  'import.col.officerName': '姓名',
  'import.col.unit': '帮扶单位',
  'import.hint.login': '登录账号：3–32 位小写字母、数字或 . _ -，创建后不能修改',
  'import.hint.officerName': '最多 40 个字',
  'import.hint.officerUnit': '已登记且在用的帮扶单位名称',
  'import.err.xls': '这是旧版 Excel 97-2003 工作簿（.xls），无法读取。请在 Excel 或 WPS 中“另存为”→“Excel 工作簿（.xlsx）”后再上传。',
  'import.err.encrypted':
    '这个工作簿设置了打开密码，无法读取。请在 Excel 中选择“文件”→“信息”→“保护工作簿”→“用密码进行加密”，清空密码并保存后再上传。',
  'import.err.notZip': '文件名是 Excel 工作簿，但内容不是（文件可能已损坏或只是改了扩展名）。请在 Excel 中重新“另存为”.xlsx 后再上传。',
  'import.err.damaged': '无法读取这个 Excel 工作簿，文件可能已损坏。请在 Excel 中打开并重新保存后再上传。',
  'import.err.tooLarge': '工作簿解压后超过 {mb} MB，远大于一份名单应有的大小（可能是“压缩炸弹”），已停止读取。',
  'import.err.noSheet': '工作簿中没有可见的工作表。',
  'import.err.mergedHeader': '表头有合并单元格（{range}）。请取消合并，让每一列有自己的列名；表头上方的标题行请删除。',
  'import.err.formula': '公式没有保存计算结果。请在 Excel 中打开文件并保存后再上传，或把这一列“复制”后“选择性粘贴为数值”',
  'import.err.errorValue': '单元格是错误值 {value}，请改为实际内容',
  'import.err.codeAsNumber':
    '统一社会信用代码被存成了数字，Excel 只保留 15 位有效数字，末几位可能已经丢失。请把这一列设为“文本”格式后重新输入代码（或在代码前加英文单引号），再上传',
  'import.err.loginTaken': '账号“{login}”已被非帮扶干部的账号使用',
  'import.err.unitDisabled': '帮扶单位“{name}”已停用',
  'import.linksTitle': '帮扶干部名单已导入',
  'import.linksNote':
    '以下设置密码链接只显示这一次，{hours} 小时内有效，每个链接只能使用一次。请分别发给本人；遗失的可在“帮扶干部”页面重新生成。',
  'import.linksColumn': '设置密码链接',
  'import.toOfficers': '查看帮扶干部',
});

// English: left out of the Worker's bundle (see define.ts).
export const sheetImportsEn = /* @__PURE__ */ english(sheetImports, {
  'import.officers': 'Officer list',
  'import.officersAbout':
    'Adds or updates officers by login; each new account gets a one-time link to choose a password, and known accounts get their name, unit and phone updated.',
  'import.previewOfficers': 'Officer import preview',
  'import.doneOfficers': 'Officer list imported: {created} new, {updated} updated, {unchanged} unchanged.',
  'import.templateXlsx': 'Excel (.xlsx)',
  'import.templateCsv': 'CSV',
  'import.templateNote':
    'The first row is the header: keep its column names. The second row is an example: delete it before importing. The credit code column is formatted as text: type codes as they are.',
  'import.col.login': 'Login',
  'import.col.officerName': 'Name',
  'import.col.unit': 'Unit',
  'import.hint.login': 'Sign-in name: 3–32 lower-case letters, digits or . _ -; cannot be changed later',
  'import.hint.officerName': 'At most 40 characters',
  'import.hint.officerUnit': 'Name of a registered unit in use',
  'import.err.xls':
    'This is an old Excel 97-2003 workbook (.xls), which cannot be read. In Excel or WPS, use Save As → "Excel Workbook (.xlsx)".',
  'import.err.encrypted':
    'This workbook is protected by a password and cannot be read. In Excel, use File → Info → Protect Workbook → Encrypt with Password, clear the password, save and upload again.',
  'import.err.notZip':
    'The file is named as an Excel workbook but is not one (it may be damaged, or only renamed). Save it again as .xlsx in Excel and upload that.',
  'import.err.damaged': 'This Excel workbook cannot be read; it may be damaged. Open it in Excel, save it again and upload that.',
  'import.err.tooLarge':
    'The workbook inflates to more than {mb} MB, far more than a list needs (it may be a zip bomb); reading was stopped.',
  'import.err.noSheet': 'The workbook has no visible worksheet.',
  'import.err.mergedHeader':
    'The header has merged cells ({range}). Unmerge them so that each column has its own name, and delete any title rows above the header.',
  'import.err.formula':
    'A formula whose result was never saved. Open the file in Excel and save it, or copy the column and use Paste Special → Values',
  'import.err.errorValue': 'The cell holds the error value {value}; enter the real content',
  'import.err.codeAsNumber':
    'The credit code is stored as a number: Excel keeps 15 digits, so the last ones may already be lost. Format the column as Text and type the codes again (or start each with an apostrophe), then upload',
  'import.err.loginTaken': 'The login "{login}" belongs to an account that is not an officer',
  'import.err.unitDisabled': 'Unit "{name}" is disabled',
  'import.linksTitle': 'Officer list imported',
  'import.linksNote':
    'These password setup links are shown only this once, work for {hours} hours and only once each. Send each to its officer; a lost one can be made again on the Officers page.',
  'import.linksColumn': 'Password setup link',
  'import.toOfficers': 'Go to officers',
});
