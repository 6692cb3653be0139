/** How many "excellent" ratings one reviewing unit may give: its own limit, else the campaign's share of those it reviews. */
export function excellentAllowed(own: { max: number } | null, campaignShare: { maxShare: number } | null, reviewees: number): number | null {
  if (own) return own.max;
  if (campaignShare) return Math.floor(campaignShare.maxShare * reviewees + 1e-9);
  return null;
}
