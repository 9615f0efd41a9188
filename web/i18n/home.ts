import { defineMessages } from './define';

export const home = defineMessages(
  {
    'home.title': '我的帮扶企业',
    'home.programme': '当前帮扶行动：{name}（{from} 至 {to}）',
    'home.noProgramme': '目前没有进行中的帮扶行动，请联系管理员。',
    'home.none': '本次帮扶行动中还没有与您结对的企业。',
    'home.lead': '牵头',
    'home.contact': '联系人',
    'home.creditCode': '统一社会信用代码',
    'home.count': '共 {n} 家企业',
  },
  {
    'home.title': 'My enterprises',
    'home.programme': 'Current programme: {name} ({from} to {to})',
    'home.noProgramme': 'No programme is running. Please contact an administrator.',
    'home.none': 'No enterprise is paired with you in this programme yet.',
    'home.lead': 'Lead',
    'home.contact': 'Contact',
    'home.creditCode': 'Credit code',
    'home.count': '{n} enterprises',
  },
);
