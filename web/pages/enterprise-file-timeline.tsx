// The 帮扶档案 timeline: memos and problem events merged, newest first, dated in China time.
import type { MEMO_MODES, PROBLEM_EVENT_KINDS } from '../../schema/memo-tables';
import { chinaDateTime } from '../../schema/rules/china-time';
import { usePage } from '../context';
import { MemoPhotos } from './memos/memo-photos';
import { MemoRevisions, type Revision } from './memos/memo-revisions';
import { EventLine, modeKey } from './problems/labels';

export type FileMemo = {
  id: string;
  visitDate: string;
  mode: (typeof MEMO_MODES)[number];
  createdAt: number;
  participants: string;
  contactName: string;
  contactTitle: string;
  businessSituation: string;
  policiesExplained: string;
  nextSteps: string;
  noRequest: boolean;
  officerName: string;
};
export type FileEvent = {
  id: number;
  at: number;
  kind: (typeof PROBLEM_EVENT_KINDS)[number];
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  data: string | null;
  problemId: string;
  code: string;
  actorName: string | null;
};

type Entry = { key: string; date: string; order: number; memo?: FileMemo; event?: FileEvent };

/**
 * Newest day first; memos are dated by the visit (what happened when), events by when they were
 * recorded. Within a day, by the time each was recorded, so a memo sits below the moves that followed it.
 */
function entries(memos: FileMemo[], events: FileEvent[]): Entry[] {
  const list: Entry[] = [
    ...memos.map((m) => ({ key: `m${m.id}`, date: m.visitDate, order: m.createdAt, memo: m })),
    ...events.map((e) => ({ key: `e${e.id}`, date: chinaDateTime(e.at), order: e.at, event: e })),
  ];
  return list.sort((a, b) => {
    const [da, db] = [a.date.slice(0, 10), b.date.slice(0, 10)];
    // A memo and the first events of its problems share one stamp: the memo goes below them.
    if (da === db) return b.order - a.order || (a.memo ? 1 : 0) - (b.memo ? 1 : 0);
    return da < db ? 1 : -1;
  });
}

function MemoEntry({ memo: m, revisions, photos }: { memo: FileMemo; revisions: Revision[]; photos: string[] }) {
  const { t } = usePage();
  const parts: [string, string][] = [
    [t('memo.participants'), m.participants],
    [t('memo.contactName'), [m.contactName, m.contactTitle].filter(Boolean).join(' · ')],
    [t('memo.businessSituation'), m.businessSituation],
    [t('memo.policiesExplained'), m.policiesExplained],
    [t('memo.nextSteps'), m.nextSteps],
  ];
  return (
    <>
      <strong>
        <a href={`/memos/${m.id}`}>{t('file.memoEntry', { mode: t(modeKey(m.mode)) })}</a>
      </strong>{' '}
      {m.officerName}
      {m.noRequest && <span class="muted"> · {t('memo.noRequestRecorded')}</span>}
      {parts
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div>
            <span class="muted">{k}：</span>
            {v}
          </div>
        ))}
      <MemoPhotos urls={photos} />
      <MemoRevisions revisions={revisions} />
    </>
  );
}

type Props = {
  memos: FileMemo[];
  events: FileEvent[];
  revisions: (Revision & { memoId: string })[];
  photos: { memoId: string; url: string }[];
};

export function FileTimeline({ memos, events, revisions, photos }: Props) {
  const { t } = usePage();
  const list = entries(memos, events);
  const revisionsOf = (memoId: string) => revisions.filter((r) => r.memoId === memoId);
  const photosOf = (memoId: string) => photos.filter((p) => p.memoId === memoId).map((p) => p.url);
  if (list.length === 0) return <p class="empty">{t('file.noHistory')}</p>;
  return (
    <ol class="cards timeline">
      {list.map((x) => (
        <li class="card" data-entry={x.memo ? 'memo' : 'event'} key={x.key}>
          <span class="muted">{x.date}</span>{' '}
          {x.memo && <MemoEntry memo={x.memo} revisions={revisionsOf(x.memo.id)} photos={photosOf(x.memo.id)} />}
          {x.event && (
            <>
              <a href={`/problems/${x.event.problemId}`}>{x.event.code}</a> <EventLine event={x.event} />
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
