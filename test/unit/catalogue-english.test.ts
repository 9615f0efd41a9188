// The English catalogue lives outside the Worker's bundle (web/i18n/define.ts): the build writes
// web/i18n/en.ts's merged table to dist/client/i18n/en.json, which worker/lib/languages.ts loads through
// the ASSETS binding. Each file's English keys are the type checker's business; these check the merge:
// every catalogue file is listed in index.ts and in en.ts, and the asset is that table.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { isMessageKey, translator } from '../../web/i18n';
import { englishCatalogue } from '../../web/i18n/en';
import { ENGLISH_CATALOGUE_PATH, loadCatalogue } from '../../worker/lib/languages';

const modules = import.meta.glob<Record<string, Record<string, string>>>(
  ['../../web/i18n/*.ts', '!**/en.ts', '!**/index.ts', '!**/define.ts'],
  { eager: true },
);

/** Every catalogue file's Chinese and English tables: its exports `name` and `nameEn`. */
const files = Object.entries(modules).map(([file, exports]) => {
  const zh = Object.entries(exports).find(([name]) => !name.endsWith('En'));
  const en = Object.entries(exports).find(([name]) => name.endsWith('En'));
  return { file, zh: zh?.[1] ?? {}, en: en?.[1] ?? {} };
});

describe('the English catalogue', () => {
  it('has exactly the keys of the Chinese one, from every catalogue file', () => {
    expect(files.length).toBeGreaterThan(20);
    const zhKeys = files.flatMap((f) => Object.keys(f.zh));
    expect(zhKeys.filter((k) => !isMessageKey(k))).toEqual([]); // each file listed in index.ts
    expect(Object.keys(englishCatalogue).sort()).toEqual([...new Set(zhKeys)].sort()); // … and in en.ts
    for (const f of files) expect(Object.keys(f.en).sort(), f.file).toEqual(Object.keys(f.zh).sort());
  });

  it('is served as a static asset, the table en.ts merges (run `npm run build` after editing a catalogue)', async () => {
    const res = await env.ASSETS.fetch(new Request(new URL(ENGLISH_CATALOGUE_PATH, 'https://bangfu.test')));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(englishCatalogue);
  });

  it('is loaded from that asset and then translates', async () => {
    await loadCatalogue(env, 'en');
    expect(translator('en')('list.total', { n: 3 })).toBe(englishCatalogue['list.total'].replace('{n}', '3'));
  });
});
