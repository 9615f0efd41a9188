import type { MEMO_MODES, PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../../../schema/memo-tables';
import { MAX_PHOTOS } from '../../../schema/rules/photos';
import { Island } from '../../components/island';
import { usePage } from '../../context';
import { Layout } from '../../layout';
import { categoryKey, modeKey, ProblemStatus } from '../problems/labels';
import { MemoPhotos } from './memo-photos';
import { MemoRevisions, type Revision } from './memo-revisions';
import { PhotoField } from './photo-field';

type Memo = {
  id: string;
  enterpriseId: string;
  visitDate: string;
  mode: (typeof MEMO_MODES)[number];
  participants: string;
  contactName: string;
  contactTitle: string;
  businessSituation: string;
  policiesExplained: string;
  nextSteps: string;
  noRequest: boolean;
};
type Problem = {
  id: string;
  code: string;
  category: (typeof PROBLEM_CATEGORIES)[number];
  description: string;
  status: (typeof PROBLEM_STATUSES)[number];
  solvedOnSpot: boolean;
  resolution: string;
  leadUnitName: string | null;
  overdue: boolean;
};
type Props = {
  memo: Memo;
  enterpriseName: string;
  officerName: string;
  problems: Problem[];
  revisions: Revision[];
  /** The photos' addresses (worker/memos/photos.ts photoUrl), in order. */
  photos: string[];
  /** The author, within the edit window (schema/rules/memo-edit.ts). */
  editable: boolean;
};

/** One stored 帮扶备忘录 and the problems it raised (each links to its ledger page). */
export function MemoPage({ memo, enterpriseName, officerName, problems, revisions, photos, editable }: Props) {
  const { t, user } = usePage();
  const rows: [string, string][] = [
    [t('memo.visitDate'), memo.visitDate],
    [t('memo.mode'), t(modeKey(memo.mode))],
    [t('memo.officer'), officerName],
    [t('memo.participants'), memo.participants],
    [t('memo.contactName'), [memo.contactName, memo.contactTitle].filter(Boolean).join(' · ')],
    [t('memo.businessSituation'), memo.businessSituation],
    [t('memo.policiesExplained'), memo.policiesExplained],
    [t('memo.nextSteps'), memo.nextSteps],
  ];
  return (
    <Layout title={t('memo.title')}>
      <h1>{t('memo.title')}</h1>
      <p>
        <a href={`/enterprises/${memo.enterpriseId}`}>{enterpriseName}</a>
      </p>
      <dl class="card" data-memo={memo.id}>
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <>
              <dt>
                <strong>{k}</strong>
              </dt>
              <dd>{v}</dd>
            </>
          ))}
      </dl>
      {(photos.length > 0 || editable) && <h2>{t('photo.title')}</h2>}
      <MemoPhotos urls={photos} />
      {editable && photos.length < MAX_PHOTOS && (
        <form method="post" action={`/memos/${memo.id}/photos`} enctype="multipart/form-data" class="card">
          <PhotoField />
          <button type="submit">{t('photo.add')}</button>
        </form>
      )}
      <MemoRevisions revisions={revisions} />
      {(editable || user?.role === 'admin') && (
        <p class="actions">
          {editable && <a href={`/memos/${memo.id}/edit`}>{t('memo.edit.link')}</a>}
          {user?.role === 'admin' && <a href={`/memos/${memo.id}/correct`}>{t('memo.correct.link')}</a>}
        </p>
      )}
      <h2>{t('memo.problems')}</h2>
      {memo.noRequest && <p class="notice">{t('memo.noRequestRecorded')}</p>}
      {problems.length === 0 && !memo.noRequest && <p class="empty">{t('memo.noProblems')}</p>}
      <ul class="cards">
        {problems.map((p) => (
          <li class="card" data-problem={p.id}>
            <h3>
              <a href={`/problems/${p.id}`}>{p.code}</a> · {t(categoryKey(p.category))}
            </h3>
            <p>{p.description}</p>
            <p>
              <ProblemStatus status={p.status} overdue={p.overdue} />{' '}
              {p.solvedOnSpot && <span class="muted">{t('memo.solvedOnSpot', { resolution: p.resolution })}</span>}
              {p.leadUnitName && (
                <span class="muted">
                  {' '}
                  · {t('problem.leadUnit')}：{p.leadUnitName}
                </span>
              )}
            </p>
          </li>
        ))}
      </ul>
      {/* The server has this memo: forget the browser's draft of it. */}
      <Island name="memo-draft" props={{ storageKey: `bangfu.memo-draft.${user?.id ?? ''}`, sentId: memo.id }} />
      <p class="actions">
        <a href="/memos/new">{t('home.newMemo')}</a>
        <a href="/">{t('nav.home')}</a>
      </p>
    </Layout>
  );
}
