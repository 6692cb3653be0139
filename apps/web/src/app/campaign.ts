import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Campaign } from '../api/types';

/** The campaign the console shows: the one running now, else the latest launched. */
export function currentCampaign(campaigns: Campaign[]): Campaign | null {
  const running = campaigns.filter((campaign) => campaign.stage !== 'closed');
  const pool = running.length > 0 ? running : campaigns;
  return [...pool].sort((a, b) => b.mobilisedOn.localeCompare(a.mobilisedOn) || b._id.localeCompare(a._id))[0] ?? null;
}

export function useCampaign() {
  return useQuery({ queryKey: ['campaigns'], queryFn: () => api<Campaign[]>('activity-records', '/campaigns'), select: currentCampaign });
}
