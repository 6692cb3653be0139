/** The body of POST /campaigns for the campaign suites run in: 创先争优活动, from 2026-03 to its appraisal in 2027-07. */
export const CAMPAIGN_REQUEST = {
  name: '创先争优活动',
  mobilisedOn: '2026-03-01',
  stages: {
    planning: { startsOn: '2026-03-01', endsOn: '2026-04-30' },
    operation: { startsOn: '2026-05-01', endsOn: '2027-06-30' },
    appraisal: { startsOn: '2027-07-01', endsOn: '2027-07-31' },
  },
  planDueAt: '2027-01-31T23:59:59+08:00',
};
