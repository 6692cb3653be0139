import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCampaign } from '../../app/campaign';
import { hasRole, useClaims } from '../../auth/session';
import { QueryState } from '../../components/status';

/** The appraisal round of the campaign and, for the district, the ratings each reviewer gave (calibration). */
export function AppraisalPage() {
  const { t } = useTranslation();
  const campaign = useCampaign();
  const claims = useClaims();
  return (
    <main id="main" className="page">
      <h1>{t('appraisal.title')}</h1>
      <QueryState query={campaign}>
        {(current) =>
          current ? (
            <>
              <Round campaignId={current._id} />
              {hasRole(claims, 'district-admin') && <Calibration campaignId={current._id} />}
            </>
          ) : (
            <p>{t('common.noCampaign')}</p>
          )
        }
      </QueryState>
    </main>
  );
}

function Round({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const round = useQuery({ queryKey: ['appraisal-round', campaignId], queryFn: () => api<Record<string, unknown>>('assessment-scoring', `/campaigns/${campaignId}/appraisal/round`) });
  return (
    <section className="card" aria-labelledby="round-heading">
      <h2 id="round-heading">{t('appraisal.round')}</h2>
      <QueryState query={round}>{(data) => <pre className="json">{JSON.stringify(data, null, 2)}</pre>}</QueryState>
    </section>
  );
}

function Calibration({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const calibration = useQuery({ queryKey: ['calibration', campaignId], queryFn: () => api<unknown>('assessment-scoring', `/campaigns/${campaignId}/appraisal/calibration`) });
  return (
    <section className="card" aria-labelledby="calibration-heading">
      <h2 id="calibration-heading">{t('appraisal.calibration')}</h2>
      <QueryState query={calibration}>{(data) => <pre className="json">{JSON.stringify(data, null, 2)}</pre>}</QueryState>
    </section>
  );
}
