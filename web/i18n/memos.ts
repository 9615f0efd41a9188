import { defineMessages } from './define';

export const memos = defineMessages({}, {});
