// Loaded with `node --import ./bench/lib/register.ts`: the bench imports the app's own modules (form
// templates, answer validation, credit codes, the export page size) so generated rows are exactly what
// the app stores. Those are Worker code with bundler-style imports ('./form-definition', '../i18n'),
// which Node's ESM loader refuses; this hook retries a relative specifier with '.ts', then '/index.ts'
// (scripts/seed.ts loads this file too).
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(s, c, next) {
  try { return await next(s, c); } catch (e) {
    if (!/^\\.\\.?\\//.test(s) || /\\.[cm]?[jt]sx?$/.test(s)) throw e;
    try { return await next(s + '.ts', c); } catch { return next(s + '/index.ts', c); }
  }
}`)}`,
);
