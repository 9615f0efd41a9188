import { defineMessages } from './define';

export const enterprises = defineMessages({}, {});
