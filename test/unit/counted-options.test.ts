import { describe, expect, it } from 'vitest';
import { question } from '../../schema/form-definition';
import { COUNTED_ROW_TYPES, COUNTED_TYPES, isCounted } from '../../schema/rules/counted-options';

/** Every question type the form definition knows, read from its schema so a new type is never missed. */
const TYPES = question.options.map((o) => o.shape.type.value);

describe('what counts as an option', () => {
  it('is decided for every question type: closed choices and likert scales count, free answers do not', () => {
    expect(TYPES).toHaveLength(9);
    expect(TYPES.filter(isCounted).sort()).toEqual(['likert', 'matrix', 'multiple', 'rating', 'single', 'yesno']);
    expect(TYPES.filter((t) => !isCounted(t)).sort()).toEqual(['date', 'number', 'text']);
  });

  it('counts a matrix per row and every other counted type under its own key, never both', () => {
    expect([...COUNTED_ROW_TYPES]).toEqual(['matrix']);
    for (const t of COUNTED_ROW_TYPES) expect(COUNTED_TYPES as readonly string[]).not.toContain(t);
  });
});
