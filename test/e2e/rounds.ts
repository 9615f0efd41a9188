// Launching a survey round as the admin does (issue 17): a draft holding its draw under a seed the
// server draws, then 发布 now. Shared by the end-to-end files that need a round to answer.
import type { Page } from 'playwright-core';
import { chinaLocalInput } from '../../schema/rules/china-time';
import { submit } from './browser';

/** Makes and launches a round of `n` enterprises drawn at random; returns the round page's URL. */
export async function launchRound(page: Page, round: { name: string; n: number; form?: string; closesInHours?: number }): Promise<string> {
  await page.goto('/admin/rounds/new');
  await page.getByLabel('批次名称').fill(round.name);
  if (round.form) await page.getByLabel('调查表（已发布版本）').selectOption({ label: round.form });
  await page.getByLabel('截止时间（北京时间）').fill(chinaLocalInput(Date.now() + (round.closesInHours ?? 24) * 3600_000));
  await page.getByLabel('抽样方式').selectOption('count');
  await page.getByLabel('抽取家数 n').fill(String(round.n));
  await submit(page, page.locator('main form button[type=submit]'));
  const roundUrl = page.url();
  await page.getByRole('link', { name: '发布', exact: true }).click();
  await page.waitForLoadState('domcontentloaded');
  await submit(page, page.getByRole('button', { name: '发布' }));
  return roundUrl;
}
