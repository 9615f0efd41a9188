// A saved memo's edits and corrections, and its visit photos (工作留痕), issue 22.
import { defineMessages } from './define';

export const memoRecords = defineMessages(
  {
    'memo.edit.title': '修改备忘录',
    'memo.edit.link': '修改',
    'memo.edit.note': '可修改文字内容至 {date}（含）。企业、走访日期和走访方式计入"三个一"，保存后不能修改；如有错误，请联系管理员更正。',
    'memo.edit.save': '保存修改',
    'memo.edit.closed': '只有填写人可在保存后 7 日内修改备忘录',
    'memo.correct.title': '更正备忘录',
    'memo.correct.link': '更正企业、日期或方式',
    'memo.correct.note': '企业、走访日期和走访方式决定"三个一"统计。更正会留下修改记录和审计日志，统计随之更新。',
    'memo.correct.reason': '更正原因',
    'memo.correct.save': '保存更正',
    'memo.rev.title': '修改记录（{n} 次）',
    'memo.rev.edit': '填写人修改',
    'memo.rev.correct': '管理员更正',
    'memo.rev.reason': '原因：{reason}',
    'memo.rev.blank': '（空）',
    'memo.rev.enterpriseChanged': '（已更正）',
  },
  {
    'memo.edit.title': 'Edit memo',
    'memo.edit.link': 'Edit',
    'memo.edit.note':
      'You can edit the text until {date} (inclusive). The enterprise, visit date and mode count towards the three-ones rule and cannot be changed after saving; ask an administrator to correct them.',
    'memo.edit.save': 'Save changes',
    'memo.edit.closed': 'Only the author may edit a memo, within 7 days of saving it',
    'memo.correct.title': 'Correct memo',
    'memo.correct.link': 'Correct enterprise, date or mode',
    'memo.correct.note':
      'The enterprise, visit date and mode decide the three-ones figures. A correction is kept in the revision history and the audit log, and the figures follow it.',
    'memo.correct.reason': 'Reason for the correction',
    'memo.correct.save': 'Save correction',
    'memo.rev.title': 'Revisions ({n})',
    'memo.rev.edit': 'edited by the author',
    'memo.rev.correct': 'corrected by an administrator',
    'memo.rev.reason': 'Reason: {reason}',
    'memo.rev.blank': '(blank)',
    'memo.rev.enterpriseChanged': '(corrected)',
  },
);
