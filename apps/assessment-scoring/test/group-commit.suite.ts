import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AttendanceRecorded, CampaignLaunched, EventEnvelope, MemberEnrolled, MemberLeft, MemberUpdated, PayloadOf, UnitCreated } from '@campaign/contracts';
import { activeMember, eventually } from '@campaign/testing';
import { ActivityEventsHandlers } from '../src/integration-events/activity-events.handlers';
import { ORG_MEMBER, OrgReadModelHandlers } from '@campaign/org-read-model';
import { MemberView } from '../src/integration-events/read-model.schemas';
import { LedgerLine } from '../src/ledger/ledger-line.schema';
import { Standing } from '../src/standings/standing.schema';
import { caller, EventFeed, model, unit } from './support';

const campaignId = 'c-meetings';
const root = ['u-root'];
const branch = [...root, 'u-branch'];

/** Special meetings score one line per member and read no counter: a fetch of them is scored as one group commit. */
const scheme = {
  effectiveFrom: '2026-01-01',
  reason: '专题会议考核',
  indicators: [{ id: 'meetings', name: '专题会议', subject: 'member', rules: [{ id: 'meetings', kind: 'attendance', activityKinds: ['special-meeting'], present: 2, unexcusedAbsencePenalty: 1 }] }],
};

/** Runs in the one assessment-scoring instance of the integration run (see assessment-scoring.int-spec.ts). */
export function groupCommitSuite(service: () => INestApplication): void {
  describe('assessment-scoring: a fetch of events written together (group commit)', () => {
    const district = `d-${randomUUID()}`;
    let app: INestApplication;
    let feed: EventFeed;

    const attendance = (attendanceId: string, memberId: string, status: 'present' | 'absent', revision = 1): PayloadOf<typeof AttendanceRecorded> => ({
      attendanceId,
      activityId: 'a-meeting-1',
      campaignId,
      activityKind: 'special-meeting',
      organiserUnitId: 'u-branch',
      memberId,
      memberUnitId: 'u-branch',
      status,
      activityAt: '2026-11-24T01:00:00.000Z',
      recordedAt: '2026-11-24T03:00:00.000Z',
      source: 'manual',
      revision,
    });
    const linesOf = (eventIds: string[]) => model<LedgerLine>(app, 'LedgerLine').find({ district, sourceEventId: { $in: eventIds } }).lean();
    const pointsOf = async (memberId: string) => (await model<Standing>(app, 'Standing').findOne({ district, campaignId, scope: 'member', period: 'campaign', subjectId: memberId }).lean())?.points;

    beforeAll(async () => {
      app = service();
      feed = await EventFeed.connect(district);
      await feed.publish(UnitCreated, { unit: unit('u-root', '区委', root) });
      await feed.publish(UnitCreated, { unit: unit('u-branch', '盈口乡党委', branch) });
      await feed.publish(CampaignLaunched, {
        campaignId,
        name: '2026年创先争优活动',
        mobilisedOn: '2026-01-10',
        stages: { planning: { startsOn: '2026-01-10', endsOn: '2026-02-28' }, operation: { startsOn: '2026-03-01', endsOn: '2026-11-30' }, appraisal: { startsOn: '2026-12-01', endsOn: '2026-12-31' } },
      });
      for (const [id, name] of [
        ['m-1', '刘建国'],
        ['m-2', '陈晓梅'],
        ['m-3', '赵志刚'],
      ]) {
        await feed.publish(MemberEnrolled, { member: activeMember(id, name, branch) });
      }
      await feed.publish(MemberLeft, { member: activeMember('m-left', '李娟', branch, { status: 'left', leftAt: '2026-11-20', revision: 2 }), reason: 'left', effectiveAt: '2026-11-20' });
      await eventually(async () => expect(await model(app, ORG_MEMBER).countDocuments({ district })).toBe(4));
      await eventually(async () => expect(await model(app, 'CampaignView').countDocuments({ district })).toBe(1));
      const admin = await caller(app, { sub: 'admin-1', district, roles: ['district-admin'] });
      await admin.post(`/campaigns/${campaignId}/schemes`, scheme).expect(201);
    });

    afterAll(async () => {
      await feed?.close();
    });

    it('scores new records, a correction in the same fetch and a redelivery as one by one would, and skips a leaver', async () => {
      const handlers = app.get(ActivityEventsHandlers);
      const earlier = feed.envelope(AttendanceRecorded, attendance('att-3', 'm-3', 'present'));
      expect((await handlers.onAttendance([earlier])).repeated).toEqual(new Set());
      const batch: EventEnvelope<PayloadOf<typeof AttendanceRecorded>>[] = [
        feed.envelope(AttendanceRecorded, attendance('att-1', 'm-1', 'present')),
        feed.envelope(AttendanceRecorded, attendance('att-2', 'm-2', 'present')),
        feed.envelope(AttendanceRecorded, attendance('att-2', 'm-2', 'absent', 2)),
        earlier,
        feed.envelope(AttendanceRecorded, attendance('att-left', 'm-left', 'present')),
      ];
      // Only the event handled before counts as repeated: a correction in the same fetch is new.
      expect((await handlers.onAttendance(batch)).repeated).toEqual(new Set([earlier.eventId]));
      // The whole fetch again, as JetStream redelivers it when the ack was lost: every event is repeated.
      expect((await handlers.onAttendance(batch)).repeated).toEqual(new Set(batch.map((event) => event.eventId)));

      expect(await pointsOf('m-1')).toBe(2);
      expect(await pointsOf('m-2')).toBe(-1);
      expect(await pointsOf('m-3')).toBe(2);
      expect(await pointsOf('m-left')).toBeUndefined();
      const lines = await linesOf(batch.map((event) => event.eventId));
      expect(lines.every((line) => line.applied)).toBe(true);
      expect(lines.map((line) => [line.subjectId, line.points]).sort()).toEqual([
        ['m-1', 2],
        ['m-2', -1],
        ['m-2', -2],
        ['m-2', 2],
        ['m-3', 2],
      ]);
      // The first versions of the fetch were appended together; the correction and the redelivery one by one after them.
      const firstVersions = lines.filter((line) => line.kind === 'rule' && (line.sourceEventId === batch[0].eventId || line.sourceEventId === batch[1].eventId));
      expect(new Set(firstVersions.map((line) => line.writeBatch)).size).toBe(1);
      expect(lines.find((line) => line.sourceEventId === batch[2].eventId)?.writeBatch).not.toBe(firstVersions[0].writeBatch);
    });

    it("enrols an import's new members in one insert and keeps a later revision that arrived first", async () => {
      const handlers = app.get(OrgReadModelHandlers);
      await handlers.onMemberUpdated(feed.envelope(MemberUpdated, { member: activeMember('m-renamed', '周海燕（新）', branch, { revision: 3 }) }));
      const enrolments = [
        feed.envelope(MemberEnrolled, { member: activeMember('m-new-1', '孙立新', branch) }),
        feed.envelope(MemberEnrolled, { member: activeMember('m-renamed', '周海燕', branch) }),
        feed.envelope(MemberEnrolled, { member: activeMember('m-new-2', '吴国华', branch) }),
      ];
      await handlers.onMemberEnrolled(enrolments);
      await handlers.onMemberEnrolled(enrolments.slice(0, 1));

      const held = await model<MemberView>(app, ORG_MEMBER).find({ district, memberId: { $in: ['m-new-1', 'm-new-2', 'm-renamed'] } }).sort({ memberId: 1 }).lean();
      expect(held.map(({ memberId, name, revision }) => [memberId, name, revision])).toEqual([
        ['m-new-1', '孙立新', 1],
        ['m-new-2', '吴国华', 1],
        ['m-renamed', '周海燕（新）', 3],
      ]);
    });
  });
}
