import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Campaign, Obligation, Unit } from '../../api/types';
import { useCampaign } from '../../app/campaign';
import { rootsOf, useUnits } from '../../app/units';
import { Empty, QueryState } from '../../components/status';
import { ParticipationCharts } from './ParticipationCharts';
import { RankingBoard } from './RankingBoard';

export function DistrictDashboard() {
  const { t } = useTranslation();
  const campaign = useCampaign();
  const units = useUnits();
  return (
    <main id="main" className="page">
      <h1>{t('dashboard.title')}</h1>
      <QueryState query={campaign}>
        {(current) =>
          current ? (
            <>
              <CampaignSummary campaign={current} />
              <QueryState query={units}>
                {(all) => (
                  <>
                    <RankingBoard campaignId={current._id} units={all} />
                    <ParticipationCharts campaignId={current._id} units={all} />
                    <Obligations campaignId={current._id} units={all} />
                  </>
                )}
              </QueryState>
            </>
          ) : (
            <p>{t('common.noCampaign')}</p>
          )
        }
      </QueryState>
    </main>
  );
}

function CampaignSummary({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const stages = ['planning', 'operation', 'appraisal'] as const;
  return (
    <section className="card" aria-labelledby="campaign-heading">
      <h2 id="campaign-heading">{campaign.name}</h2>
      <p className="stage" data-stage={campaign.stage}>
        {t('dashboard.stage', { stage: t(`stages.${campaign.stage}`) })}
      </p>
      <p>{t('dashboard.mobilised', { date: campaign.mobilisedOn })}</p>
      <ol className="stages">
        {stages.map((stage) => (
          <li key={stage} aria-current={campaign.stage === stage ? 'step' : undefined}>
            {t('dashboard.stageDates', { stage: t(`stages.${stage}`), from: campaign.stages[stage].startsOn, to: campaign.stages[stage].endsOn })}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Obligations({ campaignId, units }: { campaignId: string; units: Unit[] }) {
  const { t } = useTranslation();
  const roots = rootsOf(units);
  const names = new Map(units.map((unit) => [unit.unitId, unit.name]));
  const obligations = useQuery({
    queryKey: ['obligations', campaignId, roots.map((root) => root.unitId)],
    queryFn: async () => {
      const lists = await Promise.all(
        roots.flatMap((root) =>
          (['at-risk', 'missed'] as const).map((status) =>
            api<Obligation[]>('activity-records', `/units/${root.unitId}/obligations?campaignId=${campaignId}&status=${status}`),
          ),
        ),
      );
      return lists.flat();
    },
  });
  return (
    <section className="card" aria-labelledby="obligations-heading">
      <h2 id="obligations-heading">{t('dashboard.obligations')}</h2>
      <QueryState query={obligations}>
        {(list) =>
          list.length === 0 ? (
            <Empty />
          ) : (
            <ul className="obligations">
              {list.slice(0, 50).map((obligation) => (
                <li key={obligation._id} data-status={obligation.status}>
                  <span className={`badge ${obligation.status}`}>{obligation.status === 'missed' ? t('dashboard.missed') : t('dashboard.atRisk')}</span>{' '}
                  {names.get(obligation.unitId) ?? obligation.unitId}：{obligation.description}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
