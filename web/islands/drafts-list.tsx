// Island: the memos waiting on this device (issue 22), read from the queue in IndexedDB — the server
// never sees them until they are sent. Each shows its enterprise, when it was saved and, if the server
// refused it, why; a refused draft opens in the memo form to be corrected (`/memos/new?draft=<id>`).
import { useEffect, useState } from 'preact/hooks';
import { chinaDateTime } from '../../schema/rules/china-time';
import { sendWaiting } from '../offline/draft-send';
import { deleteDraft, listDrafts, type QueuedDraft } from '../offline/draft-store';
import { DRAFTS_CHANGED, officerId } from '../offline/page-sync';

export type DraftsListProps = {
  /** The officer's enterprises by id, to name each draft's enterprise. */
  enterprises: Record<string, string>;
  texts: {
    none: string;
    queuedAt: string;
    waiting: string;
    refused: string;
    edit: string;
    send: string;
    discard: string;
    discardConfirm: string;
    noEnterprise: string;
    photos: string;
  };
};

const field = (d: QueuedDraft, name: string) => d.fields.find(([k]) => k === name)?.[1] ?? '';

export function DraftsList({ enterprises, texts }: DraftsListProps) {
  const [drafts, setDrafts] = useState<QueuedDraft[] | null>(null);
  useEffect(() => {
    const user = officerId();
    if (!user) return;
    const load = () => void listDrafts(user).then(setDrafts, () => setDrafts([]));
    load();
    window.addEventListener(DRAFTS_CHANGED, load);
    return () => window.removeEventListener(DRAFTS_CHANGED, load);
  }, []);
  if (drafts === null) return <p class="muted" data-drafts="loading" />;
  if (drafts.length === 0)
    return (
      <p class="empty" data-drafts="0">
        {texts.none}
      </p>
    );
  const changed = () => window.dispatchEvent(new Event(DRAFTS_CHANGED));
  const sendAll = async () => {
    const user = officerId();
    if (user) await sendWaiting(user);
    changed();
  };
  const discard = async (id: string) => {
    if (!confirm(texts.discardConfirm)) return;
    await deleteDraft(id);
    changed();
  };
  return (
    <>
      <ul class="cards" data-drafts={drafts.length}>
        {drafts.map((d) => (
          <li class="card" data-draft={d.id} key={d.id}>
            <h2>{enterprises[field(d, 'enterpriseId')] ?? texts.noEnterprise}</h2>
            <p class="muted">
              {field(d, 'visitDate')} · {texts.queuedAt.replace('{time}', chinaDateTime(d.queuedAt))}
              {(d.photos?.length ?? 0) > 0 && (
                <>
                  {' · '}
                  <span data-draft-photos={d.photos?.length}>{texts.photos.replace('{n}', String(d.photos?.length))}</span>
                </>
              )}
            </p>
            {d.failure ? (
              <div class="alert" role="alert" data-refused={d.failure.status}>
                <p>{texts.refused.replace('{message}', d.failure.message)}</p>
                <ul>
                  {Object.entries(d.failure.fields).map(([k, v]) => (
                    <li key={k}>{v}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p>{texts.waiting}</p>
            )}
            <p class="actions">
              <a class="button" href={`/memos/new?draft=${d.id}`}>
                {texts.edit}
              </a>
              <button type="button" class="link" onClick={() => discard(d.id)}>
                {texts.discard}
              </button>
            </p>
          </li>
        ))}
      </ul>
      {drafts.some((d) => !d.failure) && (
        <button type="button" class="primary" onClick={sendAll}>
          {texts.send}
        </button>
      )}
    </>
  );
}
