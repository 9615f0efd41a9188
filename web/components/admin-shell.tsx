import type { ComponentChildren } from 'preact';
import { LEADER_PAGES } from '../../schema/rules/leader-access';
import { usePage } from '../context';
import type { MessageKey } from '../i18n';
import { Layout } from '../layout';

export const ADMIN_SECTIONS: { href: string; label: MessageKey }[] = [
  { href: '/admin/units', label: 'admin.units' },
  { href: '/admin/officers', label: 'admin.officers' },
  { href: '/admin/handlers', label: 'admin.handlers' },
  { href: '/admin/leaders', label: 'admin.leaders' },
  { href: '/admin/chains', label: 'admin.chains' },
  { href: '/admin/enterprises', label: 'admin.enterprises' },
  { href: '/admin/programmes', label: 'admin.programmes' },
  { href: '/admin/assignments', label: 'admin.assignments' },
  { href: '/admin/import', label: 'admin.imports' },
  { href: '/admin/stats', label: 'stats.title' },
  { href: '/admin/exports', label: 'export.title' },
  { href: '/admin/report', label: 'report.title' },
  { href: '/problems', label: 'admin.problems' },
  { href: '/admin/calendar', label: 'admin.calendar' },
  { href: '/admin/deadlines', label: 'admin.deadlines' },
  { href: '/admin/notifications', label: 'admin.notify' },
  { href: '/admin/forms', label: 'admin.forms' },
  { href: '/admin/rounds', label: 'admin.rounds' },
  { href: '/admin/enterprise-links', label: 'nav.enterpriseLinks' },
  { href: '/admin/audit', label: 'audit.title' },
];

/** Every admin page: the section menu, a heading, an optional action link beside it. */
export function AdminShell({
  title,
  action,
  children,
}: {
  title: string;
  action?: { href: string; label: string };
  children: ComponentChildren;
}) {
  const { t, path, user } = usePage();
  // A leader (领导) is shown only the pages they may open (issue 19); the server refuses the rest anyway.
  const sections =
    user?.role === 'leader' ? ADMIN_SECTIONS.filter((s) => (LEADER_PAGES as readonly string[]).includes(s.href)) : ADMIN_SECTIONS;
  return (
    <Layout title={title} wide>
      <nav class="sections" aria-label={t('admin.title')}>
        {sections.map((s) => (
          <a href={s.href} aria-current={path.startsWith(s.href) ? 'page' : undefined}>
            {t(s.label)}
          </a>
        ))}
      </nav>
      <div class="heading">
        <h1>{title}</h1>
        {action && (
          <a class="button primary" href={action.href}>
            {action.label}
          </a>
        )}
      </div>
      {children}
    </Layout>
  );
}

/**
 * The enable/disable control of a list row. 停用 opens its confirmation page (a GET that changes
 * nothing: it says what will happen and holds the POST form); 启用 undoes nothing harmful, so it posts
 * at once — a form, never a GET link (no mutation on GET).
 */
export function ToggleButton({ action, disabled }: { action: string; disabled: boolean }) {
  const { t } = usePage();
  if (!disabled) return <a href={`${action}/disable`}>{t('action.disable')}</a>;
  return (
    <form method="post" action={`${action}/enable`} class="inline">
      <button type="submit" class="link">
        {t('action.enable')}
      </button>
    </form>
  );
}

export function StatusBadge({ disabled }: { disabled: boolean }) {
  const { t } = usePage();
  return <span class={disabled ? 'badge off' : 'badge on'}>{t(disabled ? 'status.disabled' : 'status.active')}</span>;
}
