/**
 * A standing's id in scoring's store: its natural key, district first like every district-scoped key
 * (`district|campaign|period|scope|subject`), so that it alone finds one standing; tools reading the store use it too.
 */
export function standingId(district: string, campaignId: string, period: string, scope: string, subjectId: string): string {
  return [district, campaignId, period, scope, subjectId].join('|');
}
