// Islands by name. The server renders `<div data-island="name" data-props='…'>` around the
// server-rendered markup; client.ts hydrates only those wrappers (each island in its own element,
// so hydration never touches neighbouring markup). Props are plain JSON, passed once.
import type { FunctionComponent } from 'preact';
import { CreditCodeInput } from './credit-code-input';
import { DraftsList } from './drafts-list';
import { FormBuilder } from './form-builder';
import { FormJsonEditor } from './form-json-editor';
import { MemoDraft } from './memo-draft';
import { PhotoResize } from './photo-resize';

// biome-ignore lint/suspicious/noExplicitAny: each island declares its own props; the registry only maps names.
export const islands: Record<string, FunctionComponent<any>> = {
  'credit-code-input': CreditCodeInput,
  'drafts-list': DraftsList,
  'form-builder': FormBuilder,
  'form-json-editor': FormJsonEditor,
  'memo-draft': MemoDraft,
  'photo-resize': PhotoResize,
};
