// The two built-in survey forms of DESIGN §4. Each is parsed through `formDefinition` on its first use
// (not at load: start-up CPU, schema/on-first-use.ts), and test/unit/form-templates.test.ts uses both, so
// a template that breaks the schema fails there instead of reaching a respondent.

import { type FormDefinition, formDefinition } from './form-definition';
import { onFirstUse } from './on-first-use';

export type TemplateId = 'satisfaction' | 'programme';

const L = (zh: string, en: string) => ({ zh, en });

/** The six items of 《帮扶满意度调查表》 rated on the 5-level scale (q3–q8). */
const SATISFACTION_ITEMS = [
  ['attitude', '服务态度', 'Attitude of the assistance officer'],
  ['responsiveness', '诉求响应及时性', 'Timeliness of the response to your requests'],
  ['effectiveness', '问题解决实效', 'Effectiveness in actually solving problems'],
  ['policy_help', '惠企政策宣传解读与申报帮助', 'Explaining support policies and helping you apply for them'],
  [
    'integrity',
    '工作作风与廉洁自律（有无吃拿卡要、增加企业负担）',
    'Conduct and integrity (no demands for favours, gifts or extra burdens on the enterprise)',
  ],
  ['overall', '总体满意度', 'Overall satisfaction'],
] as const;

const satisfaction = {
  title: L('帮扶满意度调查表', 'Assistance Satisfaction Survey'),
  intro: L(
    '为了解本月帮扶工作的实际效果，请根据贵企业的真实感受填写。本问卷仅用于统计分析，帮扶干部看不到单份答卷，约需 2 分钟。',
    'Please tell us how this month’s assistance actually went for your enterprise. Answers are used only for statistics — officers never see an individual response. It takes about 2 minutes.',
  ),
  pages: [
    {
      title: L('帮扶服务情况', 'Assistance this month'),
      questions: [
        {
          key: 'contact_month',
          type: 'yesno',
          required: true,
          title: L('本月帮扶干部是否与贵企业进行过沟通联系？', 'Did the assistance officer contact your enterprise this month?'),
        },
        {
          key: 'onsite_month',
          type: 'yesno',
          required: true,
          title: L('本月是否到企业开展面对面上门服务？', 'Did the officer visit your enterprise in person this month?'),
        },
      ],
    },
    {
      title: L('满意度评价', 'Satisfaction'),
      questions: [
        ...SATISFACTION_ITEMS.map(([key, zh, en]) => ({ key, type: 'likert', required: true, allowNotApplicable: true, title: L(zh, en) })),
        {
          key: 'reason',
          type: 'text',
          multiline: true,
          maxLength: 1000,
          required: true,
          title: L('不满意原因', 'Why were you dissatisfied?'),
          help: L('请具体说明哪些方面不满意，以便改进。', 'Please say what was unsatisfactory so that it can be improved.'),
          showIf: { anyOf: SATISFACTION_ITEMS.map(([key]) => ({ question: key, values: ['2', '1'] })) },
        },
        {
          key: 'suggestions',
          type: 'text',
          multiline: true,
          maxLength: 1000,
          title: L('仍需协调解决的困难或意见建议', 'Difficulties still to be resolved, or other suggestions'),
        },
      ],
    },
  ],
};

/** Programme-level survey in the spirit of the 2021 "百人帮百企" action: effect, policy, service quality. */
const programme = {
  title: L('深入推进实施“百人帮百企”帮扶工作满意度调查表', 'Survey on the "100 Officers Help 100 Enterprises" Assistance Action'),
  intro: L(
    '为评估“百人帮百企”帮扶行动成效、改进帮扶工作，请贵企业负责人根据实际情况填写。问卷仅用于统计分析。',
    'To evaluate the "100 Officers Help 100 Enterprises" action and improve it, please have a responsible person of your enterprise answer. Answers are used only for statistics.',
  ),
  pages: [
    {
      title: L('帮扶成效与政策落实', 'Effect of the assistance and policy delivery'),
      questions: [
        {
          key: 'know_officer',
          type: 'yesno',
          required: true,
          title: L(
            '贵企业是否清楚本企业的帮扶干部及其联系方式？',
            'Does your enterprise know who its assistance officer is and how to reach them?',
          ),
        },
        {
          key: 'three_ones',
          type: 'single',
          required: true,
          title: L('帮扶干部落实“三个一”要求的情况', 'How well did the officer meet the "three ones" rule?'),
          help: L(
            '每月至少沟通一次、至少解决一个实际问题、至少上门提供一次面对面服务。',
            'At least one contact, one real problem solved and one on-site visit every month.',
          ),
          options: [
            { value: 'full', label: L('完全落实', 'Fully') },
            { value: 'partly', label: L('部分落实', 'Partly') },
            { value: 'none', label: L('没有落实', 'Not at all') },
            { value: 'unknown', label: L('不清楚', 'Don’t know') },
          ],
        },
        {
          key: 'effect',
          type: 'matrix',
          required: true,
          allowNotApplicable: true,
          title: L('请对以下方面的帮扶成效作出评价', 'How satisfied are you with the effect of the assistance on each of these?'),
          rows: [
            { key: 'quality', label: L('质量管理水平提升', 'Better quality management') },
            { key: 'compliance', label: L('合规经营与风险防控', 'Compliance and risk control') },
            { key: 'approval', label: L('审评审批与注册证照办理', 'Reviews, approvals, registrations and licences') },
            { key: 'policy', label: L('惠企政策落实到位', 'Support policies actually delivered') },
            { key: 'training', label: L('人员培训与技术指导', 'Staff training and technical guidance') },
            { key: 'growth', label: L('企业发展信心与市场拓展', 'Confidence in growth and market development') },
          ],
        },
        {
          key: 'problems_solved',
          type: 'number',
          integer: true,
          min: 0,
          max: 999,
          title: L('本轮帮扶中为贵企业解决的实际问题数量（个）', 'How many real problems were solved for your enterprise in this action?'),
        },
      ],
    },
    {
      title: L('服务质量与意见建议', 'Quality of service and suggestions'),
      questions: [
        {
          key: 'service',
          type: 'likert',
          required: true,
          allowNotApplicable: true,
          title: L('对帮扶干部服务质量的总体评价', 'Overall quality of the officers’ service'),
        },
        {
          key: 'burden',
          type: 'yesno',
          required: true,
          title: L(
            '帮扶过程中是否存在吃拿卡要、增加企业负担等情况？',
            'Were there any demands for favours or extra burdens on your enterprise?',
          ),
        },
        {
          key: 'burden_detail',
          type: 'text',
          multiline: true,
          maxLength: 1000,
          required: true,
          title: L('请说明具体情况', 'Please describe what happened'),
          showIf: { anyOf: [{ question: 'burden', values: ['yes'] }] },
        },
        {
          key: 'valuable_help',
          type: 'multiple',
          required: true,
          min: 1,
          max: 3,
          title: L('您认为最有价值的帮扶内容（最多选 3 项）', 'Which kinds of help were most valuable? (up to 3)'),
          options: [
            { value: 'policy', label: L('政策解读与申报指导', 'Explaining policies and helping with applications') },
            { value: 'approval', label: L('审评审批与注册证照指导', 'Guidance on approvals, registrations and licences') },
            { value: 'quality', label: L('质量管理与合规指导', 'Quality management and compliance guidance') },
            { value: 'training', label: L('人员培训', 'Staff training') },
            { value: 'inspection', label: L('检查整改帮助', 'Help with inspections and corrective actions') },
            { value: 'market', label: L('市场开拓与供需对接', 'Market development and supplier matching') },
            { value: 'finance', label: L('融资与资金协调', 'Financing and funding') },
            { value: 'other', label: L('其他', 'Other') },
          ],
        },
        {
          key: 'recommend',
          type: 'rating',
          required: true,
          title: L('您向同行推荐这项帮扶行动的可能性', 'How likely are you to recommend this assistance action to a peer?'),
        },
        {
          key: 'suggestions',
          type: 'text',
          multiline: true,
          maxLength: 1000,
          title: L('对深入推进“百人帮百企”行动的意见建议', 'Suggestions for taking the action further'),
        },
      ],
    },
  ],
};

export const TEMPLATES: Record<TemplateId, { name: { zh: string; en: string }; definition: FormDefinition }> = {
  satisfaction: onFirstUse(() => ({
    name: L('帮扶满意度调查表', 'Assistance satisfaction survey'),
    definition: formDefinition.parse(satisfaction),
  })),
  programme: onFirstUse(() => ({
    name: L('深入推进实施“百人帮百企”帮扶工作满意度调查表', '"100 Officers Help 100 Enterprises" programme survey'),
    definition: formDefinition.parse(programme),
  })),
};

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];
