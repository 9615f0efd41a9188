// The English message catalogue is not in the Worker's bundle (web/i18n/define.ts): `vite build` writes
// it to dist/client/i18n/en.json, a static asset, and this loads it through the ASSETS binding once per
// isolate, before anything that translates into English runs. The self-hosted server's env serves the same
// folder as its ASSETS (server/static-assets.ts). Each request that finds the table missing fetches it
// itself: a promise shared between requests would tie one request's I/O to another's on Workers.
import { hasCatalogue, type Lang, type MessageKey, provideCatalogue } from '../../web/i18n';

/** Where the build writes the English catalogue, under dist/client (vite.config.ts). */
export const ENGLISH_CATALOGUE_PATH = '/i18n/en.json';

/** Makes translator(lang) usable: a no-op for Chinese and once English has been loaded in this isolate. */
export async function loadCatalogue(env: { ASSETS: Fetcher }, lang: Lang): Promise<void> {
  if (hasCatalogue(lang)) return;
  const res = await env.ASSETS.fetch(new Request(new URL(ENGLISH_CATALOGUE_PATH, 'https://assets.invalid')));
  if (!res.ok) throw new Error(`The English message catalogue could not be loaded: ${ENGLISH_CATALOGUE_PATH} answered ${res.status}`);
  const table = (await res.json()) as Record<MessageKey, string>;
  if (!hasCatalogue(lang)) provideCatalogue('en', table);
}
