import { defineMessages } from './define';

export const forms = defineMessages({}, {});
