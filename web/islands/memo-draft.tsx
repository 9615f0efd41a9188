// Island: the memo being written, kept in the browser (DESIGN §2: the officer may be offline at the
// factory). Saves on every input to localStorage; a submit while offline puts the memo in the queue of
// drafts (web/offline/draft-store.ts) and empties the form for the next one, and web/offline/page-sync.ts
// sends the queue from whichever page is open when the connection returns. The memo id travels with the
// draft, so a resend is the same memo. A refused draft opens here for correction (`?draft=<id>`). On the
// memo's own page (`sentId`) the draft is forgotten, because the server has it. Visit photos queue with
// their draft (issue 22: "Photos queue with the draft"): the photo input's files go into IndexedDB with
// the fields, and a draft reopened for correction puts them back into the input, so the corrected memo
// posts them as any memo does.
import { useEffect, useState } from 'preact/hooks';
import { PHOTOS, photosOf, restorePhotos } from '../offline/draft-photos';
import { deleteDraft, getDraft, putDraft, type QueuedPhoto } from '../offline/draft-store';
import { DRAFTS_CHANGED, officerId, requestSync } from '../offline/page-sync';
import { addRemoveButtons, addRow, removeRow, rowCount } from './problem-rows';

export type MemoDraftProps = {
  storageKey: string;
  formId?: string;
  fresh?: boolean;
  maxRows?: number;
  sentId?: string;
  texts?: {
    queued: string;
    restored: string;
    rowLabel: string;
    discard: string;
    removeRow: string;
    editing: string;
    photosKept: string;
  };
};

/**
 * The form being written; `queued` only in drafts kept before the queue moved to IndexedDB. `photos`
 * only on the way into the queue: localStorage holds text, so the autosaved copy has no photos.
 */
type Draft = { id: string; fields: [string, string][]; queued?: boolean; photos?: QueuedPhoto[] };

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

const changed = () => window.dispatchEvent(new Event(DRAFTS_CHANGED));

/** Puts a draft back into a freshly rendered form, adding rows first so every field has its input. */
function restore(form: HTMLFormElement, fields: [string, string][], label: string, maxRows: number) {
  const rowsNeeded = Math.min(maxRows, 1 + Math.max(0, ...fields.map(([k]) => Number(ROW.exec(k)?.[1] ?? 0))));
  while (rowCount(form) < rowsNeeded) addRow(form, label);
  for (const el of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) el.checked = false;
  for (const [name, value] of fields) {
    for (const el of form.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)) {
      if (el.type === 'checkbox') el.checked = el.checked || el.value === value;
      else if (el.type !== 'submit') el.value = value;
    }
  }
}

export function MemoDraft({ storageKey, formId, fresh, maxRows = 50, sentId, texts }: MemoDraftProps) {
  const [status, setStatus] = useState('');
  const [restored, setRestored] = useState(false);
  const [kept, setKept] = useState('');
  useEffect(() => {
    if (sentId) {
      if (read(storageKey)?.id === sentId) localStorage.removeItem(storageKey);
      void deleteDraft(sentId).then(changed, () => undefined);
      return;
    }
    const form = formId ? (document.getElementById(formId) as HTMLFormElement | null) : null;
    if (!form || !texts) return;
    const userId = officerId();
    const idInput = form.elements.namedItem('id') as HTMLInputElement;
    const fieldsOf = () => {
      const fields: [string, string][] = [];
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && k !== '_action') fields.push([k, v]);
      return fields;
    };
    const save = () => write(storageKey, { id: idInput.value, fields: fieldsOf() });
    // A form opened offline is the copy the service worker kept, with the id of an earlier visit: every
    // new memo takes its own id here (a v4 UUID, as the server's), so two offline memos are never one.
    const freshId = () => {
      if (crypto.randomUUID) idInput.value = crypto.randomUUID();
    };
    const queue = async (draft: Draft) => {
      if (!userId) return write(storageKey, { ...draft, queued: true });
      const photos = draft.photos ?? [];
      await putDraft({ id: draft.id, userId, fields: draft.fields, ...(photos.length > 0 && { photos }), queuedAt: Date.now() });
      localStorage.removeItem(storageKey);
      changed();
      void requestSync();
    };
    addRemoveButtons(form, texts.removeRow);
    const local = read(storageKey);
    const editing = fresh ? new URLSearchParams(location.search).get('draft') : null;
    if (editing && userId) {
      void getDraft(editing).then((d) => {
        if (!d || d.userId !== userId) return;
        restore(form, d.fields, texts.rowLabel, maxRows);
        const photos = d.photos ?? [];
        if (photos.length > 0 && restorePhotos(form, photos)) setKept(texts.photosKept.replace('{n}', String(photos.length)));
        const why = d.failure ? [d.failure.message, ...Object.values(d.failure.fields)].join(' ') : '';
        setStatus(texts.editing.replace('{message}', why));
        setRestored(true);
      });
    } else if (local && fresh && local.queued) {
      // Queued by the earlier version of this island: into the queue it goes.
      void queue(local).then(freshId);
    } else if (local && fresh) {
      restore(form, local.fields, texts.rowLabel, maxRows);
      setStatus(texts.restored);
      setRestored(true);
    } else if (fresh) {
      freshId();
      const wanted = new URLSearchParams(location.search).get('enterprise');
      const select = form.elements.namedItem('enterpriseId') as HTMLSelectElement | null;
      if (wanted && select && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
    }
    const onInput = (e: Event) => {
      // Photos picked anew replace the kept ones in the input, as they would any earlier pick.
      if ((e.target as HTMLInputElement | null)?.name === PHOTOS) setKept('');
      save();
    };
    const onClick = (e: MouseEvent) => {
      const button = (e.target as HTMLElement).closest<HTMLElement>('[data-remove-row]');
      const row = button?.closest<HTMLElement>('[data-problem-row]');
      if (!row) return;
      removeRow(form, row, texts.rowLabel);
      save();
    };
    const onSubmit = (e: SubmitEvent) => {
      const submitter = e.submitter as HTMLButtonElement | null;
      if (submitter?.name === '_action') {
        // With JavaScript a row is added in place: no round trip, and it works offline.
        e.preventDefault();
        if (rowCount(form) < maxRows) addRow(form, texts.rowLabel);
        save();
        return;
      }
      if (navigator.onLine) return save();
      e.preventDefault();
      void queue({ id: idInput.value, fields: fieldsOf(), photos: photosOf(form) }).then(() => {
        form.reset();
        setKept('');
        freshId();
        setStatus(texts.queued);
        setRestored(false);
        window.scrollTo(0, 0);
      });
    };
    form.addEventListener('input', onInput);
    form.addEventListener('change', onInput);
    form.addEventListener('click', onClick);
    form.addEventListener('submit', onSubmit);
    return () => {
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onInput);
      form.removeEventListener('click', onClick);
      form.removeEventListener('submit', onSubmit);
    };
  }, [storageKey, formId, fresh, maxRows, sentId, texts]);
  // A restored draft can be dropped: the form opens again empty, with a new memo id.
  const discard = async () => {
    localStorage.removeItem(storageKey);
    const editing = new URLSearchParams(location.search).get('draft');
    if (editing) await deleteDraft(editing).catch(() => undefined);
    location.assign('/memos/new');
  };
  return (
    <p class="hint" aria-live="polite" data-draft-status>
      {status} {kept && <span data-photos-kept>{kept}</span>}
      {restored && texts && (
        <button type="button" class="link" onClick={discard}>
          {texts.discard}
        </button>
      )}
    </p>
  );
}
