// Labels of the memo and problem enums in the programme's own words (web/i18n/memos.ts), and the small
// badges the officer home, the ledger, the problem page and the enterprise file share.
import type { ProblemActionKind } from '../../../schema/inputs/problems';
import type {
  FOLLOW_UPS,
  MEMO_MODES,
  PROBLEM_CATEGORIES,
  PROBLEM_EVENT_KINDS,
  PROBLEM_STATUSES,
  URGENCIES,
} from '../../../schema/memo-tables';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';

export const categoryKey = (c: (typeof PROBLEM_CATEGORIES)[number]): MessageKey => `problem.category.${c}`;
export const modeKey = (m: (typeof MEMO_MODES)[number]): MessageKey => `memo.mode.${m}`;
export const statusKey = (s: (typeof PROBLEM_STATUSES)[number]): MessageKey => `problem.status.${s}`;
export const urgencyKey = (u: (typeof URGENCIES)[number]): MessageKey => `problem.urgency.${u}`;
export const followUpKey = (f: (typeof FOLLOW_UPS)[number]): MessageKey => `problem.followUp.${f}`;
export const actionKey = (a: ProblemActionKind): MessageKey => `problem.action.${a}`;
export const eventKey = (k: (typeof PROBLEM_EVENT_KINDS)[number]): MessageKey => `problem.event.${k}`;

type Status = { status: (typeof PROBLEM_STATUSES)[number]; struckOff: boolean; overdue: boolean };

/** 办理状态, with 已销号 and 逾期 where they apply. */
export function ProblemStatus({ status, struckOff, overdue }: Status) {
  const { t } = usePage();
  const open = status === 'pending' || status === 'in_progress';
  return (
    <span data-status={status}>
      <span class={open ? 'badge off' : 'badge on'}>{t(statusKey(status))}</span>
      {struckOff && <span class="badge on"> {t('problem.struckOff')}</span>}
      {overdue && <strong class="error"> {t('problem.overdue')}</strong>}
    </span>
  );
}

type Three = { contact: boolean; onsite: boolean; solved: boolean; met: boolean };

/** 三个一 at a glance: a ✓ or ✗ per rule, then 达标 / 未达标 for the month. */
export function ThreeOnesBadges({ value }: { value: Three }) {
  const { t } = usePage();
  const part = (ok: boolean, key: MessageKey, name: string) => (
    <span class={ok ? 'badge on' : 'badge off'} data-rule={name} data-ok={ok ? '1' : '0'}>
      {ok ? '✓' : '✗'} {t(key)}
    </span>
  );
  return (
    <>
      {part(value.contact, 'threeOnes.contact', 'contact')} {part(value.onsite, 'threeOnes.onsite', 'onsite')}{' '}
      {part(value.solved, 'threeOnes.solved', 'solved')}{' '}
      {value.met ? <strong class="badge on">{t('threeOnes.met')}</strong> : <strong class="error">{t('threeOnes.unmet')}</strong>}
    </>
  );
}

type Event = {
  kind: (typeof PROBLEM_EVENT_KINDS)[number];
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  data: string | null;
  actorName: string | null;
};

const isStatus = (s: string | null): s is (typeof PROBLEM_STATUSES)[number] =>
  s === 'pending' || s === 'in_progress' || s === 'closed' || s === 'unresolvable';
const isFollowUp = (s: unknown): s is (typeof FOLLOW_UPS)[number] => s === 'satisfied' || s === 'basically' || s === 'unsatisfied';

/** One line of a problem's timeline: who, what, from → to, the note, and the move's own data. */
export function EventLine({ event: e }: { event: Event }) {
  const { t } = usePage();
  const data = e.data ? (JSON.parse(e.data) as Record<string, string>) : {};
  const change = e.fromStatus !== e.toStatus && isStatus(e.toStatus);
  return (
    <>
      <strong>{e.actorName ?? ''}</strong> {t(eventKey(e.kind))}
      {change && (
        <span class="muted">
          {' '}
          （{isStatus(e.fromStatus) ? `${t(statusKey(e.fromStatus))} → ` : ''}
          {isStatus(e.toStatus) ? t(statusKey(e.toStatus)) : ''}）
        </span>
      )}
      {e.kind === 'extend' && data.to && <span> {t('problem.event.extendData', { from: data.from || '—', to: data.to })}</span>}
      {isFollowUp(data.followUp) && <span> {t(followUpKey(data.followUp))}</span>}
      {e.note && <span>：{e.note}</span>}
    </>
  );
}
