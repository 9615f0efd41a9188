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

const workerSources = import.meta.glob<string>(['../../worker/**/*.ts', '../../worker/**/*.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The feature folder of a path under worker/ ('' for worker/ itself). */
const featureOf = (path: string) => /worker\/([^/]+)\//.exec(path)?.[1] ?? '';

/** Resolves a relative specifier against the importing file's path. */
function resolve(file: string, spec: string): string {
  const parts = file.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

describe('feature folders under worker/', () => {
  it('never import each other both ways (value imports; types may point anywhere)', () => {
    const edges = new Map<string, Set<string>>();
    for (const [file, text] of Object.entries(workerSources))
      for (const [statement, from] of statements(text)) {
        if (!from?.startsWith('.') || /^(import|export) type\b/.test(statement)) continue;
        const target = resolve(file, from);
        if (!target.includes('/worker/')) continue;
        const [a, b] = [featureOf(file), featureOf(target)];
        if (a && b && a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      }
    expect(edges.get('admin')?.size).toBeGreaterThan(0);
    const loops = [...edges].flatMap(([a, to]) => [...to].filter((b) => a < b && edges.get(b)?.has(a)).map((b) => `${a} ↔ ${b}`));
    expect(loops).toEqual([]);
  });
});
