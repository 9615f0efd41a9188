// Issue 19's strings for the work report: 环比, the 落款, the print button, the Word download, tied
// categories and the appendix of confidence intervals.
import { defineMessages, english } from './define';

export const report = defineMessages({
  'report.s7': '七、附录：主要比率的95%置信区间',
  'report.ciAbout': '正文和表格中的比率为点估计；下表给出其 Wilson 95% 置信区间，样本越少区间越宽。',
  'report.ciItem': '满意率：{item}',
  'report.kn': '分子/分母',
  'report.unit': '单位',
  'report.now': '本期',
  'report.before': '上期',
  'report.change': '环比',
  'report.change.flat': '持平',
  'report.change.none': '—',
  'report.change.count': '{d}（{r}%）',
  'report.change.points': '{d} 个百分点',
  'report.change.days': '{d} 天',
  'report.change.score': '{d} 分',
  'report.date': '{y}年{m}月{d}日',
  'report.print': '打印',
  'report.docx': '下载 Word 版（.docx）',
  'report.noOffice': '落款单位未设置：请在“项目管理”中填写本项目的发放单位。',
  'report.sum.tie': '{labels}各 {n} 个',
  'report.sum.groups': '，',
  'report.docx.name': '{programme}工作汇报（{from}至{to}）.docx',
  'report.periodAlone': '统计期间：{from} 至 {to}（上期在本行动开始之前，不作环比）',
  'report.noCategories': '本期未收集到企业问题。',
});

// English: left out of the Worker's bundle (see define.ts).
export const reportEn = /* @__PURE__ */ english(report, {
  'report.s7': 'Appendix 2: 95% confidence intervals of the main rates',
  'report.ciAbout':
    'Rates in the text and tables are point estimates; this table gives their Wilson 95% intervals, which widen as samples shrink.',
  'report.ciItem': 'Satisfaction: {item}',
  'report.kn': 'k/n',
  'report.unit': 'Unit',
  'report.now': 'This period',
  'report.before': 'Previous period',
  'report.change': 'Change',
  'report.change.flat': 'No change',
  'report.change.none': '—',
  'report.change.count': '{d} ({r}%)',
  'report.change.points': '{d} pp',
  'report.change.days': '{d} days',
  'report.change.score': '{d} points',
  'report.date': '{iso}',
  'report.print': 'Print',
  'report.docx': 'Download as Word (.docx)',
  'report.noOffice': 'No issuing office: set it on the programme’s page to sign the report.',
  'report.sum.tie': '{labels} ({n} each)',
  'report.sum.groups': '; ',
  'report.docx.name': 'Work report {programme} ({from} to {to}).docx',
  'report.periodAlone': 'Period: {from} to {to} (the previous period is before the programme began: no comparison)',
  'report.noCategories': 'No problems were raised in the period.',
});
