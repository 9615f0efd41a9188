// Island: makes the form builder (web/pages/admin/form-builder) work without page loads. It posts the
// very forms the page holds, as the browser would, and puts the server's new #builder in place of the
// old one: the server stays the only judge of a draft, and a move refused there shows its messages
// here exactly as without JavaScript. Then it returns focus to what the move touched, scrolls the
// phone preview to it, and changes a question's type as soon as another type is picked.
import { useEffect, useState } from 'preact/hooks';

export type FormBuilderProps = { texts: { saving: string; failed: string } };

/** Focus goes to the first field to fix, else the open editor's wording, else what the move touched. */
function focusAfterSwap(root: HTMLElement) {
  const at = root.dataset.at ? document.getElementById(root.dataset.at) : null;
  const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('.b-editor textarea') ?? at;
  target?.focus();
  target?.scrollIntoView({ block: 'nearest' });
  const key = /^q-(.+)$/.exec(root.dataset.at ?? '')?.[1];
  const frame = root.querySelector('iframe');
  if (key && frame)
    frame.addEventListener('load', () => frame.contentDocument?.getElementById(`q-${key}`)?.scrollIntoView({ block: 'center' }), {
      once: true,
    });
}

/**
 * Shows a move's likely result at once — a card up or down within its page, a deleted card gone — while
 * the server makes it; the server's page then replaces this guess, refused or not.
 */
function foresee(form: HTMLFormElement, button: HTMLButtonElement | null) {
  const card = form.closest('li');
  if (!card) return;
  if (form.action.endsWith('/question/delete')) card.hidden = true;
  else if (button?.value === 'up' && card.previousElementSibling) card.parentNode?.insertBefore(card, card.previousElementSibling);
  else if (button?.value === 'down' && card.nextElementSibling) card.parentNode?.insertBefore(card.nextElementSibling, card);
}

export function FormBuilder({ texts }: FormBuilderProps) {
  const [status, setStatus] = useState({ text: '', failed: false });
  useEffect(() => {
    const root = document.getElementById('builder');
    if (!root) return;
    let busy = false;
    const swap = async (url: string, init: RequestInit, push: boolean) => {
      if (busy) return; // one move at a time: each applies to the draft the last one left
      busy = true;
      root.setAttribute('aria-busy', 'true');
      setStatus({ text: texts.saving, failed: false });
      try {
        const res = await fetch(url, { ...init, credentials: 'same-origin' });
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        const next = doc.getElementById('builder');
        if (!next) throw new Error(`HTTP ${res.status}`);
        root.replaceChildren(...next.childNodes);
        // The heading and the tab carry the form's title, which a move may have changed.
        document.title = doc.title;
        const [heading, newHeading] = [document.querySelector('h1'), doc.querySelector('h1')];
        if (heading && newHeading) heading.textContent = newHeading.textContent;
        if (next.dataset.at) root.dataset.at = next.dataset.at;
        else delete root.dataset.at;
        // The address of what is shown, so a reload shows it again; a refusal (422) keeps the old one.
        if (res.ok) history[push ? 'pushState' : 'replaceState'](null, '', res.url);
        setStatus({ text: next.querySelector('[data-notice]')?.textContent ?? '', failed: false });
        focusAfterSwap(root);
      } catch {
        setStatus({ text: texts.failed, failed: true });
      } finally {
        busy = false;
        root.removeAttribute('aria-busy');
      }
    };
    const onSubmit = (e: SubmitEvent) => {
      const form = e.target as HTMLFormElement;
      if (form.method !== 'post') return;
      e.preventDefault();
      if (busy) return;
      const data = new FormData(form);
      const button = e.submitter as HTMLButtonElement | null;
      if (button?.name) data.append(button.name, button.value);
      foresee(form, button);
      const body = new URLSearchParams();
      for (const [k, v] of data) if (typeof v === 'string') body.append(k, v);
      void swap(form.action, { method: 'POST', body }, false);
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element).closest<HTMLAnchorElement>('a[data-nav]');
      if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      void swap(link.href, {}, true);
    };
    const onChange = (e: Event) => {
      const select = e.target as HTMLSelectElement;
      if (select.name === 'kind' && select.form?.classList.contains('b-editor'))
        select.form.requestSubmit(select.form.querySelector<HTMLButtonElement>('[data-kind-change]'));
    };
    const onPop = () => void swap(location.href, {}, false);
    root.addEventListener('submit', onSubmit);
    root.addEventListener('click', onClick);
    root.addEventListener('change', onChange);
    window.addEventListener('popstate', onPop);
    return () => {
      root.removeEventListener('submit', onSubmit);
      root.removeEventListener('click', onClick);
      root.removeEventListener('change', onChange);
      window.removeEventListener('popstate', onPop);
    };
  }, [texts]);
  return (
    <p class={status.failed ? 'alert' : 'sr'} aria-live="polite" data-builder-status>
      {status.text}
    </p>
  );
}
