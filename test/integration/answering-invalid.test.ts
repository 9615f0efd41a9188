import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../schema/form-templates';
import { ready, stored, VALID } from './rounds.fixtures';

// Every refused submission must leave the round untouched: no response, no answer, no option count.
describe('invalid answers store nothing', () => {
  const programme = TEMPLATES.programme.definition;
  const PROGRAMME_VALID = {
    know_officer: true,
    three_ones: 'full',
    'effect.quality': 5,
    'effect.compliance': 4,
    'effect.approval': 'na',
    'effect.policy': 3,
    'effect.training': 4,
    'effect.growth': 5,
    service: 4,
    burden: false,
    valuable_help: ['policy'],
    recommend: 9,
  };

  it('refuses bad HTML form answers with 422, messages next to the questions and every answer kept', async () => {
    const r = await ready();
    const cases: Record<string, string>[] = [
      { ...VALID, bogus: 'x' },
      { ...VALID, attitude: '6' },
      { ...VALID, attitude: 'NaN' },
      { ...VALID, overall: '1e309' },
      { ...VALID, contact_month: '' },
      { ...VALID, attitude: '2' }, // 不满意 makes the reason required
      { ...VALID, attitude: '1', reason: 'x'.repeat(1001) },
    ];
    for (const values of cases) {
      const res = await r.submit(values);
      expect(res.status, JSON.stringify(values).slice(0, 80)).toBe(422);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      if (!values.bogus) expect(html).toContain('class="sv-err"');
      expect(html).toContain('希望加快审批');
    }
    expect(await stored(r.campaignId)).toEqual({ responses: 0, answers: 0, optionCounts: 0 });
  });

  it('holds the JSON API to types: 415, 400, 422 with fields, 413, then 201', async () => {
    const r = await ready({ definition: programme });
    expect((await r.postJson('{"answers":{}}', 'text/plain')).status).toBe(415);
    expect((await r.postJson('{"answers":')).status).toBe(400);
    expect((await r.postJson([])).status).toBe(400);
    expect((await r.postJson({ answers: {}, extra: 1 })).status).toBe(400);
    const bad: Record<string, unknown>[] = [
      { problems_solved: '5' },
      { service: 6 },
      { three_ones: ['full'] },
      { problems_solved: 1.5 },
      { burden: true },
      { valuable_help: 'policy' },
      { unknown_key: 1 },
    ];
    const bodies = bad.map((over) => JSON.stringify({ answers: { ...PROGRAMME_VALID, ...over } }));
    // JSON.parse keeps "__proto__" as an ordinary name, which must be refused like any unknown one.
    bodies.push(JSON.stringify({ answers: PROGRAMME_VALID }).replace('{"answers":{', '{"answers":{"__proto__":{"x":1},'));
    for (const over of bodies) {
      const res = await r.postJson(over);
      expect(res.status, JSON.stringify(over)).toBe(422);
      const body = (await res.json()) as { code: string; message: string; fields: Record<string, string> };
      expect(body.code).toBe('invalid_answers');
      expect(Object.keys(body.fields).length).toBeGreaterThan(0);
    }
    const huge = await r.postJson(`{"answers":{"problems_solved":1e309}}`);
    expect(huge.status).toBe(422);
    const tooBig = await r.postJson({ answers: { ...PROGRAMME_VALID, suggestions: 'x'.repeat(70 * 1024) } });
    expect(tooBig.status).toBe(413);
    expect(await stored(r.campaignId)).toEqual({ responses: 0, answers: 0, optionCounts: 0 });
    const ok = await r.postJson({ round: r.campaignId, answers: PROGRAMME_VALID });
    expect(ok.status).toBe(201);
    expect((await stored(r.campaignId)).responses).toBe(1);
  });

  it('refuses an HTML body over 64 KB with 413', async () => {
    const r = await ready();
    expect((await r.submit({ ...VALID, suggestions: 'x'.repeat(70 * 1024) })).status).toBe(413);
    expect(await stored(r.campaignId)).toEqual({ responses: 0, answers: 0, optionCounts: 0 });
  });
});
