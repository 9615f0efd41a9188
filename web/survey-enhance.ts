// Optional enhancement of the respondent's survey (DESIGN §8: ≤ 5 KB gzip, plain DOM, no Preact).
// Without it the page works the same: one long form, notes instead of show-if, the server checks
// everything. With it: questions appear and disappear without a round trip, required answers are
// checked at once, multi-page forms become steps with a progress bar, and a draft survives a reload
// or a lost connection in localStorage until the thank-you page says the answers were saved.
// The markup contract comes from web/components/survey/form-view.tsx: section[data-page] per page,
// [data-q] per question with an optional JSON [data-show-if], `.sv-req` marking required ones.

type Rule = { anyOf: { question: string; values: string[] }[] };
type Field = HTMLInputElement | HTMLTextAreaElement;

const draftKey = (round: string) => `survey-draft:${round}`;
const store = {
  get: (k: string) => {
    try {
      return localStorage.getItem(k);
    } catch {
      return null; // storage disabled (some in-app browsers, private modes): no draft, nothing breaks
    }
  },
  set: (k: string, v: string | null) => {
    try {
      if (v === null) localStorage.removeItem(k);
      else localStorage.setItem(k, v);
    } catch {}
  },
};

const done = document.querySelector<HTMLElement>('[data-done]');
if (done) store.set(draftKey(done.dataset.done ?? ''), null);

const root = document.querySelector<HTMLElement>('[data-round]');
const form = root?.querySelector<HTMLFormElement>('form.survey');
if (root && form) enhance(root, form);

function enhance(root: HTMLElement, form: HTMLFormElement) {
  const key = draftKey(root.dataset.round ?? '');
  const questions = [...form.querySelectorAll<HTMLElement>('[data-q]')];
  const pages = [...form.querySelectorAll<HTMLElement>('section[data-page]')];
  const fields = (el: Element) => [...el.querySelectorAll<Field>('input,textarea')];
  const filled = (f: Field) => (f.type === 'radio' || f.type === 'checkbox' ? (f as HTMLInputElement).checked : f.value.trim() !== '');
  // The script checks required answers itself: native validation cannot reach fields on hidden steps.
  form.noValidate = true;
  form.action += '&js=1';
  // A conditional question's 必答 mark is hidden for pages without JavaScript; here it shows only when the question does.
  for (const mark of form.querySelectorAll<HTMLElement>('.sv-req[hidden]')) mark.hidden = false;

  function restore() {
    const saved = store.get(key);
    if (!saved || form.querySelector('[role=alert]')) return; // a server re-render already holds the answers
    let pairs: [string, string][];
    try {
      pairs = JSON.parse(saved);
    } catch {
      return;
    }
    for (const f of fields(form)) {
      const mine = pairs.filter(([n]) => n === f.name).map(([, v]) => v);
      if (f.type === 'radio' || f.type === 'checkbox') (f as HTMLInputElement).checked = mine.includes(f.value);
      else f.value = mine[0] ?? '';
    }
  }

  const save = () =>
    store.set(
      key,
      JSON.stringify(
        fields(form)
          .filter(filled)
          .map((f) => [f.name, f.value]),
      ),
    );

  /** Mirrors schema/answers.ts isShown: rules see only the answers of questions that are shown. */
  function applyShowIf() {
    const seen: Record<string, string[]> = {};
    for (const q of questions) {
      const rule: Rule | null = q.dataset.showIf ? JSON.parse(q.dataset.showIf) : null;
      const shown =
        !rule ||
        rule.anyOf.some((r) =>
          Object.keys(seen).some(
            (name) => (name === r.question || name.startsWith(`${r.question}.`)) && seen[name]?.some((v) => r.values.includes(v)),
          ),
        );
      q.hidden = !shown;
      if (shown) for (const f of fields(q).filter(filled)) seen[f.name] = [...(seen[f.name] ?? []), f.value];
    }
  }

  /** Shows or clears "required" on one question; returns whether it is answered. */
  function check(q: HTMLElement): boolean {
    const names = new Set(fields(q).map((f) => f.name));
    const ok = q.hidden || !q.querySelector('.sv-req') || [...names].every((n) => fields(q).some((f) => f.name === n && filled(f)));
    let msg = q.querySelector<HTMLElement>('.sv-err[data-js]');
    if (ok) {
      msg?.remove();
      if (!q.querySelector('.sv-err')) q.classList.remove('has-error');
    } else if (!msg) {
      msg = document.createElement('p');
      msg.className = 'sv-err';
      msg.dataset.js = '';
      msg.setAttribute('role', 'alert');
      msg.textContent = root.dataset.required ?? '';
      q.appendChild(msg);
      q.classList.add('has-error');
    }
    return ok;
  }

  /** Checks the questions of `scope`; focuses the first unanswered one. */
  function checkAll(scope: HTMLElement[]): HTMLElement | null {
    const bad = scope.filter((q) => !check(q));
    const first = bad[0];
    if (first) {
      goTo(pages.findIndex((p) => p.contains(first)));
      first.scrollIntoView({ block: 'center' });
      fields(first)[0]?.focus({ preventScroll: true });
    }
    return first ?? null;
  }

  let current = 0;
  const bar = document.createElement('div');
  const nav = document.createElement('div');
  const back = document.createElement('button');
  const next = document.createElement('button');
  const submit = form.querySelector<HTMLElement>('.sv-actions');
  function goTo(i: number) {
    if (pages.length < 2 || i < 0) return;
    current = i;
    pages.forEach((p, j) => {
      p.hidden = j !== i;
    });
    back.hidden = i === 0;
    next.hidden = i === pages.length - 1;
    if (submit) submit.hidden = i !== pages.length - 1;
    bar.setAttribute('aria-valuenow', String(i + 1));
    (bar.firstChild as HTMLElement).style.width = `${((i + 1) * 100) / pages.length}%`;
  }
  if (pages.length > 1) {
    bar.className = 'sv-progress';
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-label', root.dataset.progress ?? '');
    bar.setAttribute('aria-valuemin', '1');
    bar.setAttribute('aria-valuemax', String(pages.length));
    bar.appendChild(document.createElement('span'));
    form.insertBefore(bar, pages[0] ?? null);
    nav.className = 'sv-nav';
    for (const [b, label] of [
      [back, root.dataset.back],
      [next, root.dataset.next],
    ] as const) {
      b.type = 'button';
      b.textContent = label ?? '';
      nav.appendChild(b);
    }
    next.className = 'primary';
    back.onclick = () => {
      goTo(current - 1);
      bar.scrollIntoView();
    };
    next.onclick = () => {
      const page = pages[current];
      if (page && !checkAll(questions.filter((q) => page.contains(q)))) {
        goTo(current + 1);
        bar.scrollIntoView();
      }
    };
    form.insertBefore(nav, submit);
    goTo(0);
  }

  restore();
  applyShowIf();
  form.addEventListener('input', () => {
    applyShowIf();
    save();
  });
  form.addEventListener('change', (e) => {
    applyShowIf();
    save();
    const q = (e.target as Element).closest<HTMLElement>('[data-q]');
    if (q?.classList.contains('has-error')) check(q);
  });
  form.addEventListener('submit', (e) => {
    applyShowIf();
    if (checkAll(questions)) e.preventDefault();
  });
}
