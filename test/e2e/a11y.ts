// The accessibility harness (issue 12): axe-core's WCAG 2.1 A and AA rules on the page as the browser
// shows it. A page passes with no serious or critical violation; every audited page's counts by impact
// are written to test/e2e/.artifacts/a11y.md, so a run shows what is left below that bar.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
const BLOCKING: ReadonlySet<ImpactValue> = new Set(['critical', 'serious']);

/** Violated rules and the elements they hit, by impact, per audited page (in the order audited). */
export type Tally = Record<(typeof IMPACTS)[number], { rules: number; nodes: number }>;
export const audited = new Map<string, Tally>();

/**
 * Runs axe in the page. page.evaluate goes through the DevTools protocol, so the page's
 * Content-Security-Policy does not stand in the way (addScriptTag would need a nonce).
 *
 * With JavaScript off (playwright's javaScriptEnabled: false is CDP Emulation.setScriptExecutionDisabled),
 * DevTools evaluations and promise reactions still run, but Chromium never fires that document's timers
 * (nor queueMicrotask callbacks), even after script execution is enabled again; axe yields between rules
 * with setTimeout(…, 0) and would wait forever. In such a document only, and only while axe runs, those
 * zero-delay timers become promise reactions (axe's longer timers are give-up timeouts for frames and
 * preloads, which then never fire, so iframes are left out there); the page's own scripts never ran, so nothing else sees the change.
 * Scripting being off is read from the parser: with it off, <noscript> content parses as elements.
 */
async function runAxe(page: Page): Promise<AxeResults> {
  if (await page.evaluate('typeof window.axe === "undefined"')) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const probe = document.createElement('div');
    probe.innerHTML = '<noscript><i></i></noscript>';
    const scriptless = probe.querySelector('i') !== null;
    const timers = { set: window.setTimeout, clear: window.clearTimeout };
    if (scriptless) {
      const zeroDelay = (fn: () => void, ms = 0) => {
        if (ms <= 1) Promise.resolve().then(fn);
        return 0;
      };
      window.setTimeout = zeroDelay as unknown as typeof window.setTimeout;
      window.clearTimeout = () => {};
    }
    try {
      // In a scriptless document axe could never hear back from an iframe (it asks each frame by message
      // and gives up on a timer, which never fires): frames there are audited as pages of their own.
      return await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: !scriptless });
    } finally {
      window.setTimeout = timers.set;
      window.clearTimeout = timers.clear;
    }
  }, WCAG_21_AA);
}

/**
 * Fails unless the page as it stands has no serious or critical WCAG 2.1 A/AA violation; the failure
 * lists one line per offending element: rule id, impact, target selector, and axe's one-line help.
 */
export async function expectAccessible(page: Page, name: string) {
  const { violations } = await runAxe(page);
  const tally = Object.fromEntries(IMPACTS.map((i) => [i, { rules: 0, nodes: 0 }])) as Tally;
  for (const v of violations) {
    const row = tally[v.impact ?? 'minor'];
    row.rules += 1;
    row.nodes += v.nodes.length;
  }
  audited.set(name, tally);
  const blocking = violations
    .filter((v) => v.impact && BLOCKING.has(v.impact))
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' >>> ')} — ${v.help}`));
  expect(blocking.length, `${name} (${page.url()}): serious or critical WCAG 2.1 A/AA violations:\n${blocking.join('\n')}\n`).toBe(0);
}

/** The per-page table: violated rules (elements) by impact. */
export function tallyTable(): string {
  const cell = (c: { rules: number; nodes: number }) => (c.rules ? `${c.rules} (${c.nodes})` : '0');
  const rows = [...audited].map(([name, t]) => `| ${name} | ${IMPACTS.map((i) => cell(t[i])).join(' | ')} |`);
  return [`| page | ${IMPACTS.join(' | ')} |`, `|---|${IMPACTS.map(() => '---:').join('|')}|`, ...rows].join('\n');
}

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}
