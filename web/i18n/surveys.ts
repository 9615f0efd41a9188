import { defineMessages } from './define';

export const surveys = defineMessages({}, {});
