// Island: keeps the memo being written in localStorage (DESIGN §2: the officer may be offline at the
// factory). Saves on every input; a submit while offline is queued instead of lost, and sent again on
// the `online` event (or when the form is next opened online). The memo id travels with the draft, so
// a resend is the same memo: the server answers a repeat with the memo already stored. On the memo's
// own page (`sentId`) the draft is forgotten, because the server has it.
import { useEffect, useState } from 'preact/hooks';

export type MemoDraftProps = {
  storageKey: string;
  formId?: string;
  fresh?: boolean;
  maxRows?: number;
  sentId?: string;
  texts?: { queued: string; restored: string; rowLabel: string; discard: string };
};

type Draft = { id: string; fields: [string, string][]; queued: boolean };

const ROW = /^problems\.(\d+)\./;

function read(key: string): Draft | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null;
  } catch {
    return null;
  }
}

function write(key: string, draft: Draft) {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private mode): the form still posts normally.
  }
}

/** Adds a problem row in the page by cloning the last one with its names renumbered and values cleared. */
function addRow(form: HTMLFormElement, label: string) {
  const rows = form.querySelectorAll<HTMLElement>('[data-problem-row]');
  const last = rows[rows.length - 1];
  if (!last) return;
  const n = rows.length;
  const copy = last.cloneNode(true) as HTMLElement;
  copy.dataset.problemRow = String(n);
  for (const el of copy.querySelectorAll('[name],[id],[for],[aria-describedby]')) {
    for (const attr of ['name', 'id', 'for', 'aria-describedby']) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, v.replace(/problems\.\d+\./g, `problems.${n}.`));
    }
  }
  for (const el of copy.querySelectorAll<HTMLInputElement>('input,textarea,select')) {
    if (el.type === 'checkbox') el.checked = false;
    else if (el instanceof HTMLSelectElement) el.selectedIndex = 0;
    else el.value = '';
    el.removeAttribute('aria-invalid');
  }
  for (const el of copy.querySelectorAll('.error')) el.remove();
  const legend = copy.querySelector('[data-row-label]');
  if (legend) legend.textContent = label.replace('{n}', String(n + 1));
  // insertBefore, not Element.after: the Workers types shadow the DOM's Element with HTMLRewriter's.
  last.parentNode?.insertBefore(copy, last.nextSibling);
}

/** Puts a draft back into a freshly rendered form, adding rows first so every field has its input. */
function restore(form: HTMLFormElement, draft: Draft, label: string, maxRows: number) {
  const rowsNeeded = Math.min(maxRows, 1 + Math.max(0, ...draft.fields.map(([k]) => Number(ROW.exec(k)?.[1] ?? 0))));
  while (form.querySelectorAll('[data-problem-row]').length < rowsNeeded) addRow(form, label);
  for (const el of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) el.checked = false;
  for (const [name, value] of draft.fields) {
    for (const el of form.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)) {
      if (el.type === 'checkbox') el.checked = el.checked || el.value === value;
      else if (el.type !== 'submit') el.value = value;
    }
  }
}

export function MemoDraft({ storageKey, formId, fresh, maxRows = 50, sentId, texts }: MemoDraftProps) {
  const [status, setStatus] = useState('');
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    if (sentId) {
      if (read(storageKey)?.id === sentId) localStorage.removeItem(storageKey);
      return;
    }
    const form = formId ? (document.getElementById(formId) as HTMLFormElement | null) : null;
    if (!form || !texts) return;
    const idInput = form.elements.namedItem('id') as HTMLInputElement;
    const save = (queued: boolean) => {
      const fields: [string, string][] = [];
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && k !== '_action') fields.push([k, v]);
      write(storageKey, { id: idInput.value, fields, queued });
    };
    const send = () => {
      const draft = read(storageKey);
      if (!draft?.queued || draft.id !== idInput.value) return;
      write(storageKey, { ...draft, queued: false });
      form.requestSubmit();
    };
    const draft = read(storageKey);
    if (draft && fresh) {
      restore(form, draft, texts.rowLabel, maxRows);
      setStatus(draft.queued ? texts.queued : texts.restored);
      setRestored(true);
    }
    const onInput = () => save(false);
    const onSubmit = (e: SubmitEvent) => {
      const submitter = e.submitter as HTMLButtonElement | null;
      if (submitter?.name === '_action') {
        // With JavaScript a row is added in place: no round trip, and it works offline.
        e.preventDefault();
        if (form.querySelectorAll('[data-problem-row]').length < maxRows) addRow(form, texts.rowLabel);
        save(false);
        return;
      }
      if (navigator.onLine) return save(false);
      e.preventDefault();
      save(true);
      setStatus(texts.queued);
    };
    form.addEventListener('input', onInput);
    form.addEventListener('change', onInput);
    form.addEventListener('submit', onSubmit);
    window.addEventListener('online', send);
    if (draft?.queued && fresh && navigator.onLine) send();
    return () => {
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onInput);
      form.removeEventListener('submit', onSubmit);
      window.removeEventListener('online', send);
    };
  }, [storageKey, formId, fresh, maxRows, sentId, texts]);
  // A restored draft can be dropped: reloading asks the server for an empty form with a new memo id.
  const discard = () => {
    localStorage.removeItem(storageKey);
    location.reload();
  };
  return (
    <p class="hint" aria-live="polite" data-draft-status>
      {status}{' '}
      {restored && texts && (
        <button type="button" class="link" onClick={discard}>
          {texts.discard}
        </button>
      )}
    </p>
  );
}
