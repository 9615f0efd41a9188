// 405 Method Not Allowed (RFC 9110 §15.5.6): Hono answers a known path asked with the wrong method as
// "not found". DESIGN §9 wants no mutation on GET, and a GET on a mutating route must say so: the
// not-found handler asks this index which methods the path does have, and answers 405 with an Allow
// header (which RFC 9110 requires on a 405) when there are any.
import { TrieRouter } from 'hono/router/trie-router';

/**
 * The methods registered for each path of `app`, built once from app.routes (every sub-app mounted
 * with app.route() is listed there with its full path). Middleware (method ALL) is left out: it
 * matches everything and answers nothing.
 */
export function methodIndex(app: { routes: readonly { method: string; path: string }[] }) {
  let index: { router: TrieRouter<string>; methods: string[] } | null = null;
  const build = () => {
    const router = new TrieRouter<string>();
    const methods = new Set<string>();
    for (const r of app.routes) {
      if (r.method === 'ALL') continue;
      router.add(r.method, r.path, r.method);
      methods.add(r.method);
    }
    return { router, methods: [...methods] };
  };
  /** The methods `path` answers to, HEAD with GET (Hono serves HEAD from the GET route); empty if none. */
  return (path: string): string[] => {
    index ??= build();
    const { router } = index;
    const allowed = index.methods.filter((m) => router.match(m, path)[0].length > 0);
    if (allowed.includes('GET')) allowed.splice(allowed.indexOf('GET') + 1, 0, 'HEAD');
    return allowed;
  };
}
