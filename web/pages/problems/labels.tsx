// Labels of the memo and problem enums in the programme's own words (web/i18n/memos.ts, ledger.ts), and
// the small badges the homes, the ledger, the problem page and the enterprise file share.
import type { ProblemActionKind } from '../../../schema/inputs/problems';
import type { TODO_KINDS } from '../../../schema/ledger-tables';
import type {
  FOLLOW_UPS,
  MEMO_MODES,
  PROBLEM_CATEGORIES,
  PROBLEM_EVENT_KINDS,
  PROBLEM_STATUSES,
  URGENCIES,
} from '../../../schema/memo-tables';
import { ACTORS, type Actor } from '../../../schema/rules/problem-moves';
import { isOpen } from '../../../schema/rules/problem-status';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';

type Status = (typeof PROBLEM_STATUSES)[number];

export const categoryKey = (c: (typeof PROBLEM_CATEGORIES)[number]): MessageKey => `problem.category.${c}`;
export const modeKey = (m: (typeof MEMO_MODES)[number]): MessageKey => `memo.mode.${m}`;
export const statusKey = (s: Status): MessageKey => `problem.status.${s}`;
export const urgencyKey = (u: (typeof URGENCIES)[number]): MessageKey => `problem.urgency.${u}`;
export const followUpKey = (f: (typeof FOLLOW_UPS)[number]): MessageKey => `problem.followUp.${f}`;
export const actionKey = (a: ProblemActionKind): MessageKey => `problem.action.${a}`;
export const eventKey = (k: (typeof PROBLEM_EVENT_KINDS)[number]): MessageKey => `problem.event.${k}`;
export const todoKey = (k: (typeof TODO_KINDS)[number]): MessageKey => `todo.${k}`;
export const actorKey = (a: Actor): MessageKey => `problem.actor.${a}`;

type Badge = { status: Status; overdue: boolean; supervised?: boolean };

/** 办理状态, with 逾期 and 督办 where they apply. */
export function ProblemStatus({ status, overdue, supervised }: Badge) {
  const { t } = usePage();
  return (
    <span data-status={status}>
      <span class={isOpen(status) ? 'badge off' : 'badge on'}>{t(statusKey(status))}</span>
      {supervised && isOpen(status) && <strong class="error supervised"> {t('problem.supervised')}</strong>}
      {overdue && <strong class="error"> {t('problem.overdue')}</strong>}
    </span>
  );
}

/** The deadline in force, marked 暂定 while it is the provisional one of a 待交办 problem. */
export function Deadline({ due, provisional }: { due: string; provisional: boolean }) {
  const { t } = usePage();
  return (
    <span>
      {due}
      {provisional && <small class="muted"> （{t('problem.provisional')}）</small>}
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
  actorRole?: string | null;
};

const STATUSES: readonly string[] = [
  'pending',
  'dispatched',
  'in_progress',
  'unresolvable',
  'closed',
  'struck_off',
  'unresolved',
] satisfies Status[];
const isStatus = (s: string | null): s is Status => s !== null && STATUSES.includes(s);
const isFollowUp = (s: unknown): s is (typeof FOLLOW_UPS)[number] => s === 'satisfied' || s === 'basically' || s === 'unsatisfied';
const isActor = (s: unknown): s is Actor => ACTORS.includes(s as Actor);

/** One line of a problem's timeline: who (in which role), what, from → to, the note, and the move's own data. */
export function EventLine({ event: e, unitName }: { event: Event; unitName?: (id: string) => string | undefined }) {
  const { t } = usePage();
  const data = e.data ? (JSON.parse(e.data) as Record<string, string>) : {};
  const change = e.fromStatus !== e.toStatus && isStatus(e.toStatus);
  const dated = ['extend', 'request_extension', 'approve_extension', 'reject_extension'].includes(e.kind) && data.to;
  return (
    <>
      <strong>{e.actorName ?? t('problem.actor.system')}</strong>
      {isActor(e.actorRole) && <span class="muted">（{t(actorKey(e.actorRole))}）</span>} {t(eventKey(e.kind))}
      {change && (
        <span class="muted">
          {' '}
          （{isStatus(e.fromStatus) ? `${t(statusKey(e.fromStatus))} → ` : ''}
          {isStatus(e.toStatus) ? t(statusKey(e.toStatus)) : ''}）
        </span>
      )}
      {dated && <span> {t('problem.event.extendData', { from: data.from || '—', to: data.to ?? '' })}</span>}
      {(e.kind === 'dispatch' || e.kind === 'transfer') && data.unit && (
        <span> {t('problem.event.dispatchData', { unit: unitName?.(data.unit) ?? '', deadline: data.deadline ?? '' })}</span>
      )}
      {e.kind === 'supervise' && data.respondBy && <span> {t('problem.event.superviseData', { date: data.respondBy })}</span>}
      {isFollowUp(data.followUp) && <span> {t(followUpKey(data.followUp))}</span>}
      {e.note && <span>：{e.note}</span>}
    </>
  );
}
