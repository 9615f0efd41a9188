// Each catalogue file defines its Chinese strings first (the product's default language, DESIGN §2)
// and an English table that must have exactly the same keys — the type checker enforces it.
export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: { [K in keyof Z]: string }) {
  return { zh, en };
}
