// Visit photos (工作留痕, issue 22): how many a memo may hold, how large, which kinds. Shared by the server
// (worker/memos/photos.ts) and the memo form's file input.
export const MAX_PHOTOS = 6;
/** An original sent without JavaScript; the browser's resized JPEG is far smaller. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The longest side the browser resizes to before sending (web/islands/photo-resize.tsx). */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const PHOTO_EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
