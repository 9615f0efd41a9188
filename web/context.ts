// What every server-rendered component may read: the translator, the signed-in user and the CSP nonce.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role } from '../schema/tables';
import type { Lang, Translate } from './i18n';

export type ViewUser = { id: string; login: string; name: string; role: Role };

export type PageContext = {
  t: Translate;
  lang: Lang;
  user: ViewUser | null;
  nonce: string;
  /** The current path with its query, for the language switch to come back to. */
  path: string;
  /** What the previous action did (worker/lib/flash.ts), shown once at the top of the page. */
  flash?: string | null;
};

export const Page = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const ctx = useContext(Page);
  if (!ctx) throw new Error('usePage() outside <Page.Provider>');
  return ctx;
}
