// STYLE 14: views import only types from the server. Pure code both sides need (figures, China time,
// inputs) lives in schema/, so web/ never pulls worker code into a page or an island. Biome's
// noRestrictedImports cannot tell `import type` from a value import, hence this test over the sources.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob<string>(['../../web/**/*.ts', '../../web/**/*.tsx'], { query: '?raw', import: 'default', eager: true });

/** Every `import … from '…'` and `export … from '…'` statement of a file, whole. */
const statements = (text: string) => [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)];

describe('web/ imports from worker/', () => {
  it('reads the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
  });

  it('are types only', () => {
    const offending: string[] = [];
    for (const [file, text] of Object.entries(sources))
      for (const [statement, from] of statements(text))
        if (/(^|\/)worker\//.test(from ?? '') && !/^(import|export) type\b/.test(statement)) offending.push(`${file}: ${statement}`);
    expect(offending).toEqual([]);
  });
});
