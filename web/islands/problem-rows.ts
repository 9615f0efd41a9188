// The memo form's problem rows in the page (issue 4; removal: issue 22). Inputs are named
// `problems.<i>.<field>` (web/pages/memos/problem-row.tsx), so rows are renumbered after an add or a
// removal and the server reads them as a list with no gap.

const ROWS = '[data-problem-row]';

function renumber(row: HTMLElement, n: number, label: string) {
  row.dataset.problemRow = String(n);
  for (const el of row.querySelectorAll('[name],[id],[for],[aria-describedby]')) {
    for (const attr of ['name', 'id', 'for', 'aria-describedby']) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, v.replace(/problems\.\d+\./g, `problems.${n}.`));
    }
  }
  const legend = row.querySelector('[data-row-label]');
  if (legend) legend.textContent = label.replace('{n}', String(n + 1));
}

export const rowCount = (form: HTMLFormElement) => form.querySelectorAll(ROWS).length;

/** Adds a row by cloning the last one with its names renumbered and values cleared. */
export function addRow(form: HTMLFormElement, label: string) {
  const rows = form.querySelectorAll<HTMLElement>(ROWS);
  const last = rows[rows.length - 1];
  if (!last) return;
  const copy = last.cloneNode(true) as HTMLElement;
  renumber(copy, rows.length, label);
  for (const el of copy.querySelectorAll<HTMLInputElement>('input,textarea,select')) {
    if (el.type === 'checkbox') el.checked = false;
    else if (el instanceof HTMLSelectElement) el.selectedIndex = 0;
    else el.value = '';
    el.removeAttribute('aria-invalid');
  }
  for (const el of copy.querySelectorAll('.error')) el.remove();
  // insertBefore, not Element.after: the Workers types shadow the DOM's Element with HTMLRewriter's.
  last.parentNode?.insertBefore(copy, last.nextSibling);
}

/** Removes a row and renumbers those after it; the only row left is emptied instead, so the form keeps one. */
export function removeRow(form: HTMLFormElement, row: HTMLElement, label: string) {
  if (rowCount(form) === 1) {
    addRow(form, label);
    const rows = form.querySelectorAll<HTMLElement>(ROWS);
    rows[0]?.parentNode?.removeChild(rows[0]);
  } else row.parentNode?.removeChild(row);
  form.querySelectorAll<HTMLElement>(ROWS).forEach((r, i) => {
    renumber(r, i, label);
  });
}

/** Gives each row (and every later clone of it) its remove button; only with JavaScript, which it needs. */
export function addRemoveButtons(form: HTMLFormElement, text: string) {
  for (const row of form.querySelectorAll<HTMLElement>(ROWS)) {
    if (row.querySelector('[data-remove-row]')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.dataset.removeRow = '';
    button.textContent = text;
    row.appendChild(button);
  }
}
