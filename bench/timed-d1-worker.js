// The app with its D1 binding timed (issue 20: "no D1 statement or batch over 5 s"): bench/steps/stats.ts
// copies this file beside the app's deploy bundle (bench/.out/worker/index.js) and starts it instead of
// the bundle. Every statement (first, all, run, raw) and every batch is timed as the Worker sees it —
// the await of the binding call, wall time — and the longest of each is kept with the request's method
// and path and the head of its SQL; GET /__bench/d1 answers them (and DELETE clears them). The app itself
// is unchanged: this wraps env.DB before the app's fetch sees it.
import app from './index.js';

const longest = { statement: null, batch: null, byPath: {} };
/** Per path, its three longest statements and batches: the profile of a slow page. */
const TOP = 3;
const keep = (kind, ms, path, sql) => {
  const text = sql.replace(/\s+/g, ' ').slice(0, 200);
  if (!longest[kind] || ms > longest[kind].ms) longest[kind] = { ms, path, sql: text };
  longest.byPath[path] ??= [];
  const top = longest.byPath[path];
  top.push({ kind, ms, sql: text });
  top.sort((a, b) => b.ms - a.ms).splice(TOP);
};
/** The binding's own statement behind a timed one, for batch(). */
const inner = new WeakMap();

function timedStatement(s, sql, path) {
  const timed =
    (method) =>
    async (...args) => {
      const t = performance.now();
      try {
        return await s[method](...args);
      } finally {
        keep('statement', performance.now() - t, path, sql);
      }
    };
  const w = {
    bind: (...args) => timedStatement(s.bind(...args), sql, path),
    first: timed('first'),
    all: timed('all'),
    run: timed('run'),
    raw: timed('raw'),
  };
  inner.set(w, { s, sql });
  return w;
}

const timedDb = (db, path) => ({
  prepare: (sql) => timedStatement(db.prepare(sql), sql, path),
  batch: async (list) => {
    const t = performance.now();
    try {
      return await db.batch(list.map((x) => inner.get(x)?.s ?? x));
    } finally {
      keep('batch', performance.now() - t, path, `${list.length} statements: ${list.map((x) => inner.get(x)?.sql ?? '?').join(' ; ')}`);
    }
  },
  exec: (q) => db.exec(q),
  dump: () => db.dump(),
});

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/__bench/d1') {
      const body = JSON.stringify(longest);
      if (request.method === 'DELETE') {
        longest.statement = longest.batch = null;
        longest.byPath = {};
      }
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    }
    const query = url.search.replace(/&?programme=[0-9a-f-]+/, '').replace(/^\?&?$/, '');
    return app.fetch(request, { ...env, DB: timedDb(env.DB, `${request.method} ${url.pathname}${query}`) }, ctx);
  },
  scheduled: (controller, env, ctx) => app.scheduled?.(controller, { ...env, DB: timedDb(env.DB, 'scheduled') }, ctx),
};
