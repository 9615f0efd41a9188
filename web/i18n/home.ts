import { defineMessages, english } from './define';

export const home = defineMessages({
  'home.title': '我的帮扶企业',
  'home.programme': '当前帮扶行动：{name}（{from} 至 {to}）',
  'home.noProgramme': '目前没有进行中的帮扶行动，请联系管理员。',
  'home.none': '本次帮扶行动中还没有与您结对的企业。',
  'home.lead': '牵头',
  'home.contact': '联系人',
  'home.creditCode': '统一社会信用代码',
  'home.count': '共 {n} 家企业',
  'home.newMemo': '新建帮扶备忘录',
  'home.ledger': '问题台账',
  'home.month': '{month} 三个一',
  'home.metCount': '本月三个一达标 {met} / {n} 家',
  'home.open': '未办结问题 {n} 个',
  'home.overdue': '其中逾期 {n} 个',
  'home.recordVisit': '记录走访',
  'home.file': '帮扶档案',
});

// English: left out of the Worker's bundle (see define.ts).
export const homeEn = /* @__PURE__ */ english(home, {
  'home.title': 'My enterprises',
  'home.programme': 'Current programme: {name} ({from} to {to})',
  'home.noProgramme': 'No programme is running. Please contact an administrator.',
  'home.none': 'No enterprise is paired with you in this programme yet.',
  'home.lead': 'Lead',
  'home.contact': 'Contact',
  'home.creditCode': 'Credit code',
  'home.count': '{n} enterprises',
  'home.newMemo': 'New memo',
  'home.ledger': 'Problem ledger',
  'home.month': '"Three ones" for {month}',
  'home.metCount': '"Three ones" met this month: {met} of {n}',
  'home.open': '{n} open problems',
  'home.overdue': '{n} overdue',
  'home.recordVisit': 'Record a visit',
  'home.file': 'Assistance file',
});
