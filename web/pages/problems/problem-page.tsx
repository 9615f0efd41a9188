// One problem of the ledger: its facts, its whole timeline (append-only events: who, in which role,
// when, from → to, the note) and the moves this reader may make now. A unit handler gets the enterprise's
// name and contact and nothing of the memo (issue 15); officers and admins get the memo and the file.
import type { ProblemActionKind } from '../../../schema/inputs/problems';
import type { FOLLOW_UPS, PROBLEM_CATEGORIES, PROBLEM_EVENT_KINDS, PROBLEM_STATUSES, URGENCIES } from '../../../schema/memo-tables';
import { chinaDateTime } from '../../../schema/rules/china-time';
import { deadlineInForce } from '../../../schema/rules/due-date';
import type { Actor } from '../../../schema/rules/problem-moves';
import { usePage } from '../../context';
import { ActionForms, type ActiveForm, type DispatchChoices } from './action-forms';
import { categoryKey, Deadline, EventLine, followUpKey, ProblemStatus, urgencyKey } from './labels';
import { LedgerShell } from './shell';

export type ProblemFacts = {
  id: string;
  code: string;
  memoId: string | null;
  enterpriseId: string;
  category: (typeof PROBLEM_CATEGORIES)[number];
  description: string;
  urgency: (typeof URGENCIES)[number];
  status: (typeof PROBLEM_STATUSES)[number];
  raisedOn: string;
  deadline: string;
  deadlineProvisional: boolean;
  extendedDeadline: string | null;
  extensionReason: string;
  requestedDeadline: string | null;
  requestedReason: string;
  dispatchedOn: string | null;
  acceptedOn: string | null;
  progress: string;
  resolution: string;
  unresolvableReason: string;
  solvedOnSpot: boolean;
  closedOn: string | null;
  followUp: (typeof FOLLOW_UPS)[number] | null;
  followUpOn: string | null;
  /** 企业确认 or 干部回访 (issue 16). */
  followUpBy: 'enterprise' | 'officer' | null;
  struckOffOn: string | null;
  supervisedOn: string | null;
  superviseNote: string;
  superviseBy: string | null;
};
export type EventRow = {
  id: number;
  at: number;
  kind: (typeof PROBLEM_EVENT_KINDS)[number];
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  data: string | null;
  actorName: string | null;
  actorRole: string | null;
};
type Names = {
  enterprise: string;
  contact: string;
  officer: string;
  leadUnit: string | null;
  proposedUnit: string | null;
  assignee: string | null;
  supportUnits: string[];
  /** Every unit by id, for the timeline's 交办 and 转办 (which name a unit by id). */
  units: Record<string, string>;
};
type Props = {
  problem: ProblemFacts;
  actor: Actor;
  names: Names;
  overdue: boolean;
  events: EventRow[];
  allowed: ProblemActionKind[];
  dispatch: DispatchChoices | null;
  active?: ActiveForm;
  /** A refusal of the whole move (illegal in this state, someone else was first), already translated. */
  message?: string;
};

export function ProblemPage({ problem: p, actor, names, overdue, events, allowed, dispatch, active, message }: Props) {
  const { t } = usePage();
  const handler = actor === 'lead' || actor === 'support';
  const facts: [string, string | null][] = [
    [t('problem.enterprise'), names.enterprise],
    [t('problem.contact'), handler ? names.contact : null],
    [t('problem.category'), t(categoryKey(p.category))],
    [t('problem.urgency'), t(urgencyKey(p.urgency))],
    [t('problem.raisedOn'), p.raisedOn],
    [t('problem.officer'), handler ? null : names.officer],
    [t('problem.proposedUnit'), p.status === 'pending' ? names.proposedUnit : null],
    [t('problem.leadUnit'), names.leadUnit],
    [t('problem.supportUnits'), names.supportUnits.join('、')],
    [t('problem.assignee'), names.assignee],
    [t('problem.dispatchedOn'), p.dispatchedOn],
    [t('problem.acceptedOn'), p.acceptedOn],
    [t('problem.extendedDeadline'), p.extendedDeadline],
    [t('problem.extensionReason'), p.extendedDeadline ? p.extensionReason : null],
    [t('problem.progress'), p.progress],
    [t('problem.closedOn'), p.closedOn],
    [t('problem.resolution'), p.resolution],
    [t('problem.unresolvableReason'), p.unresolvableReason],
    [
      t('problem.followUp'),
      p.followUp &&
        `${t(followUpKey(p.followUp))}（${[p.followUpBy && t(`mine.by.${p.followUpBy}`), p.followUpOn].filter(Boolean).join('，')}）`,
    ],
    [t('problem.struckOffOn'), p.struckOffOn],
  ];
  return (
    <LedgerShell title={t('problem.title', { code: p.code })}>
      {message && (
        <p class="alert" role="alert">
          {message}
        </p>
      )}
      <p>
        <ProblemStatus status={p.status} overdue={overdue} supervised={p.supervisedOn !== null} />
        {p.solvedOnSpot && <span class="muted"> · {t('problem.solvedOnSpot')}</span>}
      </p>
      {p.supervisedOn && (
        <p class="alert" data-supervised>
          {t('problem.supervisedInfo', { date: p.supervisedOn, by: p.superviseBy ?? '', note: p.superviseNote })}
        </p>
      )}
      {p.requestedDeadline && (
        <p class="notice" data-requested>
          {t('problem.requested', { date: p.requestedDeadline, reason: p.requestedReason })}
        </p>
      )}
      <section class="card">
        <p>{p.description}</p>
        <dl>
          <dt>
            <strong>{t('problem.deadline')}</strong>
          </dt>
          <dd data-deadline={deadlineInForce(p)}>
            <Deadline due={p.deadline} provisional={p.deadlineProvisional} />
          </dd>
          {facts
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
        <p class="actions">
          {!handler && p.memoId && <a href={`/memos/${p.memoId}`}>{t('problem.memo')}</a>}
          {!handler && <a href={`/enterprises/${p.enterpriseId}`}>{t('file.title')}</a>}
          <a href="/problems">{handler ? t('problem.queue') : t('problem.ledger')}</a>
        </p>
      </section>
      <h2>{t('problem.events')}</h2>
      <ol class="card timeline" data-events={events.length}>
        {events.map((e) => (
          <li data-event={e.kind}>
            <span class="muted">{chinaDateTime(e.at)}</span> <EventLine event={e} unitName={(id) => names.units[id]} />
          </li>
        ))}
      </ol>
      <h2>{t('problem.actions')}</h2>
      <ActionForms problemId={p.id} allowed={allowed} active={active} choices={dispatch} />
    </LedgerShell>
  );
}
