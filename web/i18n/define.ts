// Each catalogue file defines its Chinese strings first (the product's default language, DESIGN §2)
// and then its English table, which must have exactly the same keys — the type checker enforces it.
//
// Only Chinese is in the Worker's bundle: index.ts imports the Chinese tables, en.ts the English ones,
// and nothing the Worker runs imports en.ts. `english(…)` is marked pure, so the bundler drops an
// English table nobody imports; `vite build` writes them merged to dist/client/i18n/en.json
// (vite.config.ts), which the language middleware loads once per isolate (worker/lib/languages.ts).
// `npm run bundle` fails if an English string is found in the bundle.
export function defineMessages<const Z extends Record<string, string>>(zh: Z): Z {
  return zh;
}

export function english<Z extends Record<string, string>>(_zh: Z, en: NoInfer<{ [K in keyof Z]: string }>): { [K in keyof Z]: string } {
  return en;
}
