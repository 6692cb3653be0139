import { campaignWeek, CampaignCalendar, isStudyWeek, previousCampaignWeek, resubmissionDueAt, stageEndsAt, startOfLocalDay } from './campaign-calendar';

const calendar: CampaignCalendar = {
  stages: {
    planning: { startsOn: '2026-01-10', endsOn: '2026-02-28' },
    operation: { startsOn: '2026-03-01', endsOn: '2026-11-30' },
    appraisal: { startsOn: '2026-12-01', endsOn: '2026-12-31' },
  },
  timeZone: 'Asia/Shanghai',
};

describe('the campaign calendar', () => {
  it('starts a local day at its midnight in the zone', () => {
    expect(startOfLocalDay('2026-11-23', 'Asia/Shanghai').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('ends a stage after its last local day', () => {
    expect(stageEndsAt(calendar, 'planning').toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('counts weeks Monday to Sunday in the campaign zone: Monday 07:00 in Beijing is already the new week', () => {
    const week = campaignWeek(calendar, new Date('2026-11-22T23:00:00Z'));
    expect(week).toEqual({ key: '2026-W48', startsAt: new Date('2026-11-22T16:00:00Z'), endsAt: new Date('2026-11-29T16:00:00Z') });
    expect(previousCampaignWeek(calendar, week!)?.key).toBe('2026-W47');
  });

  it('clips the first and last weeks to the operation stage and has none outside it', () => {
    expect(campaignWeek(calendar, new Date('2026-03-01T02:00:00Z'))).toEqual({
      key: '2026-W09',
      startsAt: new Date('2026-02-28T16:00:00Z'),
      endsAt: new Date('2026-03-01T16:00:00Z'),
    });
    expect(campaignWeek(calendar, new Date('2026-11-30T03:00:00Z'))?.endsAt).toEqual(new Date('2026-11-30T16:00:00Z'));
    expect(campaignWeek(calendar, new Date('2026-12-01T03:00:00Z'))).toBeNull();
    expect(previousCampaignWeek(calendar, campaignWeek(calendar, new Date('2026-03-01T02:00:00Z'))!)).toBeNull();
  });

  it('owes study only in weeks the campaign spent wholly in operation', () => {
    const entered = { ...calendar, operationStartedAt: new Date('2026-11-25T02:00:00Z') };
    expect(isStudyWeek(entered, campaignWeek(entered, new Date('2026-11-26T02:00:00Z'))!)).toBe(false);
    expect(isStudyWeek(entered, campaignWeek(entered, new Date('2026-11-30T02:00:00Z'))!)).toBe(true);
    expect(isStudyWeek(calendar, campaignWeek(calendar, new Date('2026-11-26T02:00:00Z'))!)).toBe(true);
  });

  it('asks for a returned plan back days later, never past the stage end unless it has passed, never in the past', () => {
    const returnedAt = new Date('2026-02-10T02:00:00Z');
    expect(resubmissionDueAt(calendar, 'planning', returnedAt, 7).toISOString()).toBe('2026-02-17T15:59:59.999Z');
    const late = new Date('2026-02-25T02:00:00Z');
    expect(resubmissionDueAt(calendar, 'planning', late, 7).toISOString()).toBe('2026-02-28T15:59:59.999Z');
    const afterPlanning = new Date('2026-11-26T02:00:00Z');
    const inOperation = resubmissionDueAt(calendar, 'operation', afterPlanning, 7);
    expect(inOperation.toISOString()).toBe('2026-11-30T15:59:59.999Z');
    const pastEverything = new Date('2026-12-20T02:00:00Z');
    expect(resubmissionDueAt(calendar, 'operation', pastEverything, 7).toISOString()).toBe('2026-12-27T15:59:59.999Z');
  });
});
