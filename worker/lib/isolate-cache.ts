// Per-isolate caches of things that never change once stored (a published form version, a round's
// form): an isolate reads and parses each once instead of per request. Bounded the simple way — past
// 100 entries the cache starts over — since a Worker serves a handful of rounds at a time.
const LIMIT = 100;

/** Stores `value` under `key` (clearing a full cache first) and returns it. */
export function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size > LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}
