import type { TodoList } from '../../worker/problems/todo-list.queries';
import { usePage } from '../context';
import { Layout } from '../layout';
import { ThreeOnesBadges } from './problems/labels';
import { TodoPanel } from './todos';

type Programme = { name: string; startsOn: string; endsOn: string };
type Enterprise = {
  id: string;
  name: string;
  region: string;
  chain: string | null;
  contactName: string;
  contactPhone: string;
  isLead: boolean;
  threeOnes: { contact: boolean; onsite: boolean; solved: boolean; met: boolean };
  open: number;
  overdue: number;
};
type Props = {
  programme: Programme | null;
  month: string;
  enterprises: Enterprise[];
  todos: TodoList;
  /** When this list was read (China time): offline, the kept copy says how old it is (issue 22). */
  syncedAt: string;
};

/**
 * 我的帮扶企业, phone-first (the officer is often at the factory gate): the "new memo" action on top,
 * then a card per enterprise with this month's 三个一 at a glance and its open and overdue problems.
 */
export function OfficerHomePage({ programme, month, enterprises, todos, syncedAt }: Props) {
  const { t } = usePage();
  const met = enterprises.filter((e) => e.threeOnes.met).length;
  return (
    <Layout title={t('home.title')}>
      <div class="heading">
        <h1>{t('home.title')}</h1>
        {programme && enterprises.length > 0 && (
          <a class="button primary" href="/memos/new">
            {t('home.newMemo')}
          </a>
        )}
      </div>
      <p class="muted" data-synced-at>
        {t('offline.syncedAt', { time: syncedAt })}
      </p>
      {todos.total > 0 && <TodoPanel todos={todos} />}
      {!programme ? (
        <p class="empty">{t('home.noProgramme')}</p>
      ) : (
        <>
          <p class="muted">{t('home.programme', { name: programme.name, from: programme.startsOn, to: programme.endsOn })}</p>
          {enterprises.length === 0 ? (
            <p class="empty">{t('home.none')}</p>
          ) : (
            <>
              <p>
                {t('home.count', { n: enterprises.length })} · {t('home.metCount', { met, n: enterprises.length })} ·{' '}
                <a href="/problems">{t('home.ledger')}</a>
              </p>
              <ul class="cards">
                {enterprises.map((e) => (
                  <EnterpriseCard e={e} month={month} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Layout>
  );
}

function EnterpriseCard({ e, month }: { e: Enterprise; month: string }) {
  const { t } = usePage();
  return (
    <li class="card" data-enterprise={e.id} data-three-ones={e.threeOnes.met ? 'met' : 'unmet'}>
      <h2>
        <a href={`/enterprises/${e.id}`}>{e.name}</a> {e.isLead && <span class="badge on">{t('home.lead')}</span>}
      </h2>
      <p class="muted">{[e.region, e.chain].filter(Boolean).join(' · ')}</p>
      <p>
        <span class="muted">{t('home.month', { month })}：</span>
        <ThreeOnesBadges value={e.threeOnes} />
      </p>
      <p data-open={e.open} data-overdue={e.overdue}>
        <a href={`/problems?enterprise=${e.id}`}>{t('home.open', { n: e.open })}</a>
        {e.overdue > 0 && <strong class="error"> · {t('home.overdue', { n: e.overdue })}</strong>}
      </p>
      {e.contactName && (
        <p>
          {t('home.contact')}: {e.contactName} {e.contactPhone && <a href={`tel:${e.contactPhone}`}>{e.contactPhone}</a>}
        </p>
      )}
      <p class="actions">
        <a class="button" href={`/memos/new?enterprise=${e.id}`}>
          {t('home.recordVisit')}
        </a>
        <a href={`/enterprises/${e.id}`}>{t('home.file')}</a>
      </p>
    </li>
  );
}
