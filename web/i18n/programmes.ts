import { defineMessages } from './define';

export const programmes = defineMessages({}, {});
