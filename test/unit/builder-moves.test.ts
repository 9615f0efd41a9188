// Issue 18: the builder's pure pieces — option lines and their values, free keys, moves at the edges.
import { describe, expect, it } from 'vitest';
import { formDefinition } from '../../schema/form-definition';
import { itemsOf, linesOf } from '../../worker/forms/builder-fields';
import { freeKey, mergePage, moveQuestion, nextKey, splitAfter } from '../../worker/forms/builder-moves';

const def = formDefinition.parse({
  title: { zh: '表' },
  pages: [
    { questions: [{ key: 'q1', type: 'yesno', title: { zh: '一' } }] },
    {
      questions: [
        { key: 'q7', type: 'yesno', title: { zh: '二' } },
        { key: `a${'b'.repeat(39)}`, type: 'yesno', title: { zh: '三' } },
      ],
    },
  ],
});
const keys = (d: typeof def | null) => d?.pages.map((p) => p.questions.map((q) => q.key).join(' ')).join(' | ');

describe('option lines', () => {
  it('keep each value with its Chinese label, take full-width bars, and skip blank lines', () => {
    const before = [
      { value: 'full', label: { zh: '完全落实', en: '' } },
      { value: 'o1', label: { zh: '部分', en: 'Partly' } },
    ];
    const after = itemsOf('  新的 ｜ New \n\n部分 | Partly\n完全落实', before, 'o');
    expect(after).toEqual([
      { value: 'o2', label: { zh: '新的', en: 'New' } },
      { value: 'o1', label: { zh: '部分', en: 'Partly' } },
      { value: 'full', label: { zh: '完全落实', en: '' } },
    ]);
    expect(linesOf(after)).toBe('新的 | New\n部分 | Partly\n完全落实');
    // The same label twice gets two values (the definition schema then refuses the repeated label).
    expect(itemsOf('甲\n甲', [], 'r').map((i) => i.value)).toEqual(['r1', 'r2']);
  });
});

describe('keys and moves', () => {
  it('finds free keys within 40 characters, and numbers new questions after the highest', () => {
    expect(freeKey(def, 'q1')).toBe('q1_2');
    expect(freeKey(def, 'fresh')).toBe('fresh');
    const long = `a${'b'.repeat(39)}`;
    expect(freeKey(def, long)).toBe(`a${'b'.repeat(37)}_2`);
    expect(nextKey(def)).toBe('q8');
  });

  it('stops at the edges of the form and crosses page breaks inside it', () => {
    expect(moveQuestion(def, { page: 0, index: 0 }, 'up')).toBeNull();
    expect(moveQuestion(def, { page: 1, index: 1 }, 'down')).toBeNull();
    expect(keys(moveQuestion(def, { page: 1, index: 0 }, 'up'))).toBe(`q1 q7 | a${'b'.repeat(39)}`);
    expect(keys(moveQuestion(def, { page: 0, index: 0 }, 'down'))).toBe(`q1 q7 a${'b'.repeat(39)}`);
    expect(splitAfter(def, { page: 0, index: 0 })).toBeNull();
    expect(keys(mergePage(def, 1))).toBe(`q1 q7 a${'b'.repeat(39)}`);
    expect(mergePage(def, 2)).toBeNull();
    expect(keys(def)).toBe(`q1 | q7 a${'b'.repeat(39)}`); // moves never change their argument
  });
});
