// One problem of the ledger: its facts, its events (append-only timeline) and the moves allowed now.
import type { ProblemActionKind } from '../../../schema/inputs/problems';
import type { FOLLOW_UPS, PROBLEM_CATEGORIES, PROBLEM_EVENT_KINDS, PROBLEM_STATUSES, URGENCIES } from '../../../schema/memo-tables';
import { chinaDateTime } from '../../../schema/rules/china-time';
import { usePage } from '../../context';
import { ActionForms, type ActiveForm } from './action-forms';
import { categoryKey, EventLine, followUpKey, ProblemStatus, urgencyKey } from './labels';
import { LedgerShell } from './shell';

export type ProblemFacts = {
  id: string;
  code: string;
  memoId: string;
  enterpriseId: string;
  category: (typeof PROBLEM_CATEGORIES)[number];
  description: string;
  urgency: (typeof URGENCIES)[number];
  status: (typeof PROBLEM_STATUSES)[number];
  raisedOn: string;
  deadline: string | null;
  extendedDeadline: string | null;
  progress: string;
  resolution: string;
  unresolvableReason: string;
  solvedOnSpot: boolean;
  closedOn: string | null;
  followUp: (typeof FOLLOW_UPS)[number] | null;
  followUpOn: string | null;
  struckOff: boolean;
  struckOffOn: string | null;
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
};
type Props = {
  problem: ProblemFacts;
  names: { enterprise: string; officer: string; leadUnit: string | null; supportUnits: string[] };
  overdue: boolean;
  events: EventRow[];
  allowed: ProblemActionKind[];
  active?: ActiveForm;
  /** A refusal of the whole move (illegal transition, someone else was first), already translated. */
  message?: string;
};

export function ProblemPage({ problem: p, names, overdue, events, allowed, active, message }: Props) {
  const { t } = usePage();
  const facts: [string, string | null][] = [
    [t('problem.enterprise'), names.enterprise],
    [t('problem.category'), t(categoryKey(p.category))],
    [t('problem.urgency'), t(urgencyKey(p.urgency))],
    [t('problem.raisedOn'), p.raisedOn],
    [t('problem.officer'), names.officer],
    [t('problem.leadUnit'), names.leadUnit],
    [t('problem.supportUnits'), names.supportUnits.join('、')],
    [t('problem.deadline'), p.deadline],
    [t('problem.extendedDeadline'), p.extendedDeadline],
    [t('problem.progress'), p.progress],
    [t('problem.closedOn'), p.closedOn],
    [t('problem.resolution'), p.resolution],
    [t('problem.unresolvableReason'), p.unresolvableReason],
    [t('problem.followUp'), p.followUp && `${t(followUpKey(p.followUp))}（${p.followUpOn ?? ''}）`],
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
        <ProblemStatus status={p.status} struckOff={p.struckOff} overdue={overdue} />
        {p.solvedOnSpot && <span class="muted"> · {t('problem.solvedOnSpot')}</span>}
      </p>
      <section class="card">
        <p>{p.description}</p>
        <dl>
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
          <a href={`/memos/${p.memoId}`}>{t('problem.memo')}</a>
          <a href={`/enterprises/${p.enterpriseId}`}>{t('file.title')}</a>
          <a href="/problems">{t('problem.ledger')}</a>
        </p>
      </section>
      <h2>{t('problem.events')}</h2>
      <ol class="card" data-events={events.length}>
        {events.map((e) => (
          <li data-event={e.kind}>
            <span class="muted">{chinaDateTime(e.at)}</span> <EventLine event={e} />
          </li>
        ))}
      </ol>
      <h2>{t('problem.actions')}</h2>
      <ActionForms problemId={p.id} allowed={allowed} active={active} />
    </LedgerShell>
  );
}
