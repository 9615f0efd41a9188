import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MessageKey } from '../../web/i18n';

/**
 * Every refusal the app makes: a status, a stable machine code, a catalogue key for the human message,
 * and optional per-field messages. `app.onError` turns it into an HTML page or `{code, message, fields}`.
 */
export class AppError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly fields?: Record<string, string>,
  ) {
    super(status, { message: code });
  }
}

export const notFound = () => new AppError(404, 'not_found', 'err.page.notFound');
export const forbidden = () => new AppError(403, 'forbidden', 'err.page.forbidden');

/** D1 / SQLite failures surface as plain Errors; they become a generic 503 with nothing leaked. */
export function isStorageError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const text = `${err.name} ${err.message} ${err.cause instanceof Error ? err.cause.message : ''}`;
  return /D1_|SQLITE|Failed query|D1 |Network connection lost|storage/i.test(text);
}
