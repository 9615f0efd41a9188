// A memo's revisions (memo_revisions, issue 22): who changed which field when, from what to what. Shown
// on the memo page and under each memo of the 帮扶档案.
import type { MEMO_MODES } from '../../../schema/memo-tables';
import { chinaDateTime } from '../../../schema/rules/china-time';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { modeKey } from '../problems/labels';

export type Revision = {
  id: number;
  at: number;
  kind: 'edit' | 'correct';
  before: string;
  after: string;
  reason: string;
  editorName: string;
};

const LABELS: Record<string, MessageKey> = {
  participants: 'memo.participants',
  contactName: 'memo.contactName',
  contactTitle: 'memo.contactTitle',
  businessSituation: 'memo.businessSituation',
  policiesExplained: 'memo.policiesExplained',
  nextSteps: 'memo.nextSteps',
  enterpriseId: 'memo.enterprise',
  visitDate: 'memo.visitDate',
  mode: 'memo.mode',
};

const parse = (json: string): Record<string, unknown> => {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
};

export function MemoRevisions({ revisions }: { revisions: Revision[] }) {
  const { t } = usePage();
  if (revisions.length === 0) return null;
  const shown = (field: string, v: unknown) => {
    if (field === 'mode') return t(modeKey(v as (typeof MEMO_MODES)[number]));
    // An enterprise id means nothing to a reader; the audit row keeps both ids.
    if (field === 'enterpriseId') return t('memo.rev.enterpriseChanged');
    return String(v ?? '') || t('memo.rev.blank');
  };
  return (
    <details class="revisions" data-revisions={revisions.length} open>
      <summary>{t('memo.rev.title', { n: revisions.length })}</summary>
      <ol>
        {revisions.map((r) => {
          const before = parse(r.before);
          const after = parse(r.after);
          return (
            <li data-revision={r.id} data-kind={r.kind}>
              <span class="muted">
                {chinaDateTime(r.at)} · {r.editorName} · {t(r.kind === 'edit' ? 'memo.rev.edit' : 'memo.rev.correct')}
              </span>
              {r.reason && <div>{t('memo.rev.reason', { reason: r.reason })}</div>}
              <ul>
                {Object.keys(after).map((field) => (
                  <li>
                    {LABELS[field] ? t(LABELS[field]) : field}：<del>{shown(field, before[field])}</del> →{' '}
                    <ins>{shown(field, after[field])}</ins>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
