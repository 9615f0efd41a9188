// Issue 14's strings: dated pairings, the 满意率 口径, officers' frozen figures, suppression and the
// claims cross-check.
import { defineMessages } from './define';

export const figures = defineMessages(
  {
    'assign.view': '显示',
    'assign.view.current': '当前结对',
    'assign.view.history': '全部（含已结束）',
    'assign.startsOn': '开始日期',
    'assign.endsOn': '结束日期',
    'assign.open': '至今',
    'assign.ended': '已结束',
    'assign.startsOnHint': '留空为今天（行动尚未开始时为行动开始日）。可填过去的日期以更正名单，统计随之更正，并记入审计日志。',
    'assign.endsOnHint': '留空表示长期有效；解除结对时再填。',
    'assign.endHint': '结对自 {start} 起生效。某月15日在结对期内即计入该月；默认今天。',
    'assign.err.outsidePeriod': '日期须在帮扶行动期间内',
    'assign.err.overlap': '与该干部和该企业的另一段结对时间重叠',
    'assign.err.ended': '该结对已经结束',
    'import.err.overlap': '与该干部和该企业已有的另一段结对时间重叠',
    'import.hint.startsOn': '可空；新结对为今天，已有结对不变。可填过去日期以更正名单',
    'import.hint.endsOn': '可空；填写即于该日解除结对',
    'programme.scale': '满意率口径',
    'programme.scaleHint': '两档：非常满意＋满意；三档：非常满意＋满意＋基本满意。所有页面、导出文件和工作汇报都注明所用口径。',
    'stats.scale.top2': '两档（非常满意＋满意）',
    'stats.scale.top3': '三档（非常满意＋满意＋基本满意）',
  },
  {
    'assign.view': 'Show',
    'assign.view.current': 'Current pairings',
    'assign.view.history': 'All, ended ones included',
    'assign.startsOn': 'Starts on',
    'assign.endsOn': 'Ends on',
    'assign.open': 'ongoing',
    'assign.ended': 'Ended',
    'assign.startsOnHint':
      'Blank means today (or the programme’s first day if it has not begun). A past date corrects the list; the figures follow and the audit log records it.',
    'assign.endsOnHint': 'Blank means open-ended; set it when the pairing ends.',
    'assign.endHint': 'The pairing runs from {start}. A pair counts for a month when it is in force on the 15th; the default is today.',
    'assign.err.outsidePeriod': 'The date must fall within the programme’s period',
    'assign.err.overlap': 'This overlaps another pairing of the same officer and enterprise',
    'assign.err.ended': 'This pairing has already ended',
    'import.err.overlap': 'Overlaps another pairing of this officer and enterprise',
    'import.hint.startsOn': 'May be blank: today for a new pairing, unchanged for a current one. A past date corrects the list',
    'import.hint.endsOn': 'May be blank; a date ends the pairing on that day',
    'programme.scale': 'Satisfaction rate definition',
    'programme.scaleHint':
      'Two levels: very satisfied + satisfied; three levels: also fairly satisfied. Every page, file and report states the definition used.',
    'stats.scale.top2': 'two levels (very satisfied + satisfied)',
    'stats.scale.top3': 'three levels (very satisfied + satisfied + fairly satisfied)',
  },
);
