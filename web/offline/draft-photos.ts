// The visit photos of a memo draft (issue 22: "Photos queue with the draft"): read from the memo form's
// photo input into the queue, and put back into it when a refused draft is opened for correction.
import type { QueuedPhoto } from './draft-store';

/** The photo input's name, as the server reads it (worker/memos/photos.ts, postedPhotos). */
export const PHOTOS = 'photos';

/** The photo input's files as they are now (after the resize island swapped them), an empty input's part left out. */
export function photosOf(form: HTMLFormElement): QueuedPhoto[] {
  return new FormData(form)
    .getAll(PHOTOS)
    .filter((v): v is File => typeof v !== 'string' && v.size > 0)
    .map((f) => ({ name: f.name, type: f.type, blob: f }));
}

/** Puts a draft's kept photos back into the photo input; false where the browser cannot set an input's files. */
export function restorePhotos(form: HTMLFormElement, photos: QueuedPhoto[]): boolean {
  const input = form.elements.namedItem(PHOTOS);
  if (!(input instanceof HTMLInputElement) || typeof DataTransfer === 'undefined') return false;
  const list = new DataTransfer();
  for (const p of photos) list.items.add(new File([p.blob], p.name, { type: p.type }));
  input.files = list.files;
  return true;
}
