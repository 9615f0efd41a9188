// 我的待办, as every home page shows it: counts per kind, then each 待办 linking to its problem.
import type { TodoList } from '../../worker/problems/todo-list.queries';
import { usePage } from '../context';
import type { MessageKey } from '../i18n';

export function TodoPanel({ todos }: { todos: TodoList }) {
  const { t } = usePage();
  return (
    <section class="card" aria-labelledby="todos-title" data-todos={todos.total}>
      <h2 id="todos-title">
        {t('todo.title')} <span class="muted">{t('todo.count', { n: todos.total })}</span>
      </h2>
      {todos.total === 0 ? (
        <p class="muted">{t('todo.none')}</p>
      ) : (
        <>
          <p>
            {todos.counts.map((c) => (
              <span class="badge off" data-kind={c.kind}>
                {t(`todo.kind.${c.kind}` as MessageKey)} {c.n}
              </span>
            ))}
          </p>
          <ul class="todos">
            {todos.rows.map((r) => (
              <li data-todo={r.kind}>
                <a href={`/problems/${r.problemId}`}>
                  {t(`todo.${r.kind}` as MessageKey, { code: r.code, enterprise: r.enterpriseName, due: r.dueOn ?? '' })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
