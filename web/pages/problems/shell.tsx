import type { ComponentChildren } from 'preact';
import { AdminShell } from '../../components/admin-shell';
import { usePage } from '../../context';
import { Layout } from '../../layout';

/** Admins reach the ledger from the admin area, so they get its section menu; officers a plain page. */
export function LedgerShell({ title, children }: { title: string; children: ComponentChildren }) {
  const { user } = usePage();
  if (user?.role === 'admin') return <AdminShell title={title}>{children}</AdminShell>;
  return (
    <Layout title={title} wide>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}
