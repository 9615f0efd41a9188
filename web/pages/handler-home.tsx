// A unit handler's landing page (单位联络员, issue 15), phone-first: their 待办, then the unit's open
// problems as cards, supervised ones first and in red.
import type { TodoList } from '../../worker/problems/todo-list.queries';
import { usePage } from '../context';
import { Layout } from '../layout';
import { QueueCards, type QueueRow } from './problems/unit-queue';
import { TodoPanel } from './todos';

type Props = { todos: TodoList; queue: QueueRow[]; total: number; today: string };

export function HandlerHomePage({ todos, queue, total, today }: Props) {
  const { t } = usePage();
  return (
    <Layout title={t('problem.queue')}>
      <h1>{t('problem.queue')}</h1>
      <TodoPanel todos={todos} />
      <h2>
        {t('ledgerHome.open')} <span class="muted">{t('todo.count', { n: total })}</span>
      </h2>
      <QueueCards rows={queue} today={today} />
      <p>
        <a href="/problems">{t('problem.queueAll')}</a>
      </p>
    </Layout>
  );
}
