// What a respondent types into 《帮扶满意度调查表》, as the HTML form posts it (strings: 'yes', '5', 'na').
// The generator and the submission benchmark both pass these values through the app's own
// validateAnswers, so stored rows are exactly the rows a real submission would store.
import { rollupOption } from '../../schema/answers.ts';
import type { FormDefinition } from '../../schema/form-definition.ts';
import { allQuestions } from '../../schema/form-definition.ts';
import { isCounted } from '../../schema/rules/counted-options.ts';
import type { Rng } from '../lib/prng.ts';

const ITEMS = ['attitude', 'responsiveness', 'effectiveness', 'policy_help', 'integrity', 'overall'] as const;
const SCALE = ['5', '4', '3', '2', '1', 'na'] as const;

const REASONS = [
  '反映的用地问题两个月没有回音，希望明确办理时限。',
  '帮扶干部来得少，电话也经常打不通。',
  '政策申报材料反复退回，没有一次性告知需要补什么。',
  '融资对接会只走过场，没有落实到具体银行。',
  '上门检查次数偏多，影响正常生产。',
  '诉求转给部门后就没有下文了。',
];
const SUGGESTIONS = [
  '希望协调解决员工子女入学问题。',
  '建议定期组织银企对接，帮助解决流动资金紧张。',
  '希望加快医疗器械注册证审批进度。',
  '园区道路和物流配套还需要完善。',
  '希望多宣传研发费用加计扣除等惠企政策。',
  '建议简化药品生产许可变更流程。',
  '招工难，希望人社部门帮助对接职业院校。',
  '感谢帮扶干部的耐心服务，希望继续保持。',
  '希望协调供电部门解决高峰期限电问题。',
  '建议建立企业诉求办理进度查询渠道。',
];

/**
 * One respondent's form values. Mostly satisfied, as the programmes' own reports are ("满意率 98%"), with
 * a personal tilt so an unhappy respondent tends to be unhappy on several items, as people are.
 */
export function answerValues(r: Rng): Record<string, string> {
  const tilt = r.weighted([0, 1, 2], [80, 16, 4]);
  const values: Record<string, string> = {
    contact_month: r.chance(0.93) ? 'yes' : 'no',
    onsite_month: r.chance(0.78) ? 'yes' : 'no',
  };
  let negative = false;
  for (const item of ITEMS) {
    const w = [
      [62, 28, 7, 1.5, 0.5, 1],
      [25, 40, 22, 8, 2, 3],
      [8, 20, 30, 25, 15, 2],
    ][tilt] as number[];
    const v = r.weighted(SCALE, w);
    values[item] = v;
    if (v === '2' || v === '1') negative = true;
  }
  // 不满意原因 is shown and required exactly when an item is negative (the template's show-if rule).
  if (negative) values.reason = r.pick(REASONS);
  if (r.chance(0.35)) values.suggestions = r.pick(SUGGESTIONS);
  return values;
}

/** Per question key, whether its rows are counted in option_counts, and under which option label. */
export function rollupKeys(def: FormDefinition) {
  const types = new Map(allQuestions(def).map((q) => [q.key, q.type]));
  return (questionKey: string) => {
    const type = types.get(questionKey.split('.')[0] ?? '');
    return type !== undefined && isCounted(type);
  };
}

export { rollupOption };
