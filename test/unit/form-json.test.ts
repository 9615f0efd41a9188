import { describe, expect, it } from 'vitest';
import { issuePath, parseDefinitionJson, readDefinitionJson } from '../../schema/form-json';

const q = (over: Record<string, unknown>) => ({ key: 'a', type: 'yesno', title: { zh: '题' }, ...over });
const doc = (...questions: unknown[]) => JSON.stringify({ title: { zh: '表' }, pages: [{ questions }] });
const issues = (text: string) => {
  const r = parseDefinitionJson(text);
  return r.ok ? [] : r.issues;
};

describe('parseDefinitionJson', () => {
  it('writes paths as in JavaScript', () => {
    expect(issuePath(['pages', 0, 'questions', 2, 'key'])).toBe('pages[0].questions[2].key');
    expect(issuePath([])).toBe('$');
  });

  it('reports a syntax error once, at the root, with the parser’s words', () => {
    const [only, ...rest] = issues('{"title": ');
    expect(rest).toEqual([]);
    expect(only?.path).toBe('$');
    expect(only?.key).toBe('form.err.json');
    expect(String(only?.params?.detail)).not.toBe('');
  });

  it('names the place and the rule of each schema problem', () => {
    expect(issues(doc(q({ key: 'A' })))).toEqual([{ path: 'pages[0].questions[0].key', key: 'form.err.key' }]);
    expect(issues(doc(q({ type: 'slider' })))[0]).toMatchObject({ path: 'pages[0].questions[0].type', key: 'form.err.questionType' });
    expect(issues(doc(q({ colour: 'red' })))).toEqual([
      { path: 'pages[0].questions[0]', key: 'form.err.unknownKeys', params: { keys: 'colour' } },
    ]);
    expect(issues(doc(q({}), q({})))).toEqual([{ path: 'pages[0].questions[1].key', key: 'form.err.duplicateKey' }]);
    expect(issues(doc(q({ showIf: { anyOf: [{ question: 'b', values: ['yes'] }] } })))).toEqual([
      { path: 'pages[0].questions[0].showIf', key: 'form.err.showIfMissing' },
    ]);
    expect(issues(doc(q({ showIf: { anyOf: [{ question: 'b', values: ['yes'] }] } }), q({ key: 'b' })))).toEqual([
      { path: 'pages[0].questions[0].showIf', key: 'form.err.showIfForward' },
    ]);
    expect(issues(JSON.stringify({ title: { zh: '表' }, pages: [] }))).toEqual([
      { path: 'pages', key: 'form.err.tooFew', params: { min: 1 } },
    ]);
    expect(issues(JSON.stringify({ pages: [{ questions: [q({})] }] }))).toEqual([{ path: 'title', key: 'form.err.missing' }]);
  });

  it('refuses repeated option values and matrix rows, and bounds the wrong way round', () => {
    const options = [
      { value: 'x', label: { zh: '甲' } },
      { value: 'x', label: { zh: '乙' } },
    ];
    expect(issues(doc(q({ type: 'single', options })))).toEqual([
      { path: 'pages[0].questions[0].options[1]', key: 'form.err.duplicateKey' },
    ]);
    const rows = [
      { key: 'r', label: { zh: '一' } },
      { key: 'r', label: { zh: '二' } },
    ];
    expect(issues(doc(q({ type: 'matrix', rows })))[0]?.path).toBe('pages[0].questions[0].rows[1]');
    expect(issues(doc(q({ type: 'number', min: 5, max: 1 })))).toEqual([{ path: 'pages[0].questions[0].max', key: 'form.err.minMax' }]);
    expect(issues(doc(q({ type: 'date', min: '2025-01-02', max: '2025-01-01' })))[0]?.key).toBe('form.err.minMax');
    expect(issues(doc(q({ type: 'multiple', options: [options[0], { value: 'y', label: { zh: '乙' } }], min: 2, max: 1 })))[0]?.key).toBe(
      'form.err.minMax',
    );
  });

  it('refuses show-if rules that could never hold, choices without options and impossible choice counts', () => {
    const single = (over: Record<string, unknown> = {}) =>
      q({
        key: 's',
        type: 'single',
        options: [
          { value: 'x', label: { zh: '甲' } },
          { value: 'y', label: { zh: '乙' } },
        ],
        ...over,
      });
    const dependent = (question: string, values: string[]) => q({ key: 'later', showIf: { anyOf: [{ question, values }] } });
    expect(issues(doc(single(), dependent('s', ['z'])))).toEqual([{ path: 'pages[0].questions[1].showIf', key: 'form.err.showIfValue' }]);
    expect(issues(doc(q({ key: 't', type: 'text' }), dependent('t', ['x'])))).toEqual([
      { path: 'pages[0].questions[1].showIf', key: 'form.err.showIfType' },
    ]);
    const matrix = q({ key: 'm', type: 'matrix', rows: [{ key: 'r', label: { zh: '行' } }] });
    expect(issues(doc(matrix, dependent('m.r', ['1'])))).toEqual([]);
    expect(issues(doc(matrix, dependent('m.nope', ['1'])))).toEqual([
      { path: 'pages[0].questions[1].showIf', key: 'form.err.showIfMissing' },
    ]);
    expect(issues(doc(q({ key: 'a' }), dependent('a', ['yes', 'no'])))).toEqual([]);
    expect(issues(doc(single({ options: [] })))).toEqual([{ path: 'pages[0].questions[0].options', key: 'form.err.noOptions' }]);
    expect(issues(doc(single({ options: [{ value: 'x', label: { zh: '甲' } }] })))[0]?.key).toBe('form.err.noOptions');
    expect(issues(doc(q({ type: 'matrix', rows: [] })))).toEqual([{ path: 'pages[0].questions[0].rows', key: 'form.err.noRows' }]);
    expect(issues(doc(single({ type: 'multiple', min: 3 })))).toEqual([
      { path: 'pages[0].questions[0].min', key: 'form.err.choiceBounds' },
    ]);
    expect(issues(doc(single({ type: 'multiple', max: 3 })))).toEqual([
      { path: 'pages[0].questions[0].max', key: 'form.err.choiceBounds' },
    ]);
    const twins = [
      { value: 'x', label: { zh: '同' } },
      { value: 'y', label: { zh: '同' } },
    ];
    expect(issues(doc(single({ options: twins })))).toEqual([{ path: 'pages[0].questions[0].options[1]', key: 'form.err.duplicateLabel' }]);
  });
});

describe('readDefinitionJson (a stored definition)', () => {
  // A definition stored before the authoring rules of issue 18 — twin labels, "choose at least 3" of two
  // options, a show-if naming a value the question cannot give — is still read, answered and counted;
  // only what reading needs is judged: unique keys and option values, bounds in order, show-if looking back.
  const older = JSON.stringify({
    title: { zh: '表' },
    pages: [
      {
        questions: [
          {
            key: 's',
            type: 'multiple',
            title: { zh: '题' },
            min: 3,
            options: [
              { value: 'x', label: { zh: '同' } },
              { value: 'y', label: { zh: '同' } },
            ],
          },
          { key: 'later', type: 'yesno', title: { zh: '题' }, showIf: { anyOf: [{ question: 's', values: ['z'] }] } },
        ],
      },
    ],
  });

  it('reads what the authoring rules now refuse, and the author is still refused', () => {
    expect(readDefinitionJson(older).ok).toBe(true);
    expect(issues(older).map((i) => i.key)).toEqual(['form.err.duplicateLabel', 'form.err.choiceBounds', 'form.err.showIfValue']);
  });

  it('still refuses what reading cannot live with', () => {
    const twinKeys = doc(q({ key: 'a' }), q({ key: 'a' }));
    const r = readDefinitionJson(twinKeys);
    expect(r.ok ? [] : r.issues).toEqual([{ path: 'pages[0].questions[1].key', key: 'form.err.duplicateKey' }]);
    const forward = doc(q({ key: 'b', showIf: { anyOf: [{ question: 'c', values: ['yes'] }] } }), q({ key: 'c' }));
    const f = readDefinitionJson(forward);
    expect(f.ok ? [] : f.issues).toEqual([{ path: 'pages[0].questions[0].showIf', key: 'form.err.showIfForward' }]);
    expect(readDefinitionJson('{').ok).toBe(false);
  });
});
