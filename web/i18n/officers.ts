import { defineMessages } from './define';

export const officers = defineMessages({}, {});
