import { ADMIN_SECTIONS, AdminShell } from '../../components/admin-shell';
import { usePage } from '../../context';

export function AdminHomePage() {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.title')}>
      <p>{t('admin.intro')}</p>
      <ul class="tiles">
        {ADMIN_SECTIONS.map((s) => (
          <li>
            <a href={s.href}>{t(s.label)}</a>
          </li>
        ))}
      </ul>
    </AdminShell>
  );
}
