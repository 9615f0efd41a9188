import { usePage } from '../context';
import { Layout } from '../layout';

type Programme = { name: string; startsOn: string; endsOn: string };
type Enterprise = {
  id: string;
  name: string;
  creditCode: string;
  region: string;
  chain: string | null;
  contactName: string;
  contactPhone: string;
  isLead: boolean;
};

/** 我的帮扶企业: a card per enterprise, phone-first (the officer is often at the factory gate). */
export function OfficerHomePage({ programme, enterprises }: { programme: Programme | null; enterprises: Enterprise[] }) {
  const { t } = usePage();
  return (
    <Layout title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      {!programme ? (
        <p class="empty">{t('home.noProgramme')}</p>
      ) : (
        <>
          <p class="muted">{t('home.programme', { name: programme.name, from: programme.startsOn, to: programme.endsOn })}</p>
          {enterprises.length === 0 ? (
            <p class="empty">{t('home.none')}</p>
          ) : (
            <>
              <p>{t('home.count', { n: enterprises.length })}</p>
              <ul class="cards">
                {enterprises.map((e) => (
                  <li class="card" data-enterprise={e.id}>
                    <h2>
                      {e.name} {e.isLead && <span class="badge on">{t('home.lead')}</span>}
                    </h2>
                    <p class="muted">{[e.region, e.chain].filter(Boolean).join(' · ')}</p>
                    <p>
                      {t('home.creditCode')}: <code>{e.creditCode}</code>
                    </p>
                    {e.contactName && (
                      <p>
                        {t('home.contact')}: {e.contactName} {e.contactPhone && <a href={`tel:${e.contactPhone}`}>{e.contactPhone}</a>}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Layout>
  );
}
