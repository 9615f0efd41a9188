// Issue 13, weakness 7: static /assets/* were served without security headers (the Worker's
// secureHeaders never runs for them). The build puts a `_headers` file in dist/client (web/public/_headers),
// which Workers static assets apply; checked here against `wrangler dev`, which serves them as production does.
import { describe, expect, inject, it } from 'vitest';

describe('static assets', () => {
  it('serves /assets/* with nosniff, no-referrer, frame denial and a same-origin resource policy', async () => {
    for (const path of ['/assets/app.css', '/assets/client.js', '/assets/survey-enhance.js']) {
      const res = await fetch(`${inject('origin')}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
    }
  });

  it('serves the service worker with one CSP of its own, which lets it fetch this origin only (issue 22)', async () => {
    const res = await fetch(`${inject('origin')}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; connect-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const manifest = await fetch(`${inject('origin')}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(((await manifest.json()) as { start_url: string; scope: string }).scope).toBe('/');
  });
});
