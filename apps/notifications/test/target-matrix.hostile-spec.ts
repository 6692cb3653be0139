import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActivityScheduled, MemberEnrolled, UnitCreated, UnitSnapshot } from '@campaign/contracts';
import { activeMember, eventually, TARGET_TABLE, TargetFixture, targetMatrixCases, uniqueDatabase } from '@campaign/testing';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { DirectoryMember } from '../src/directory/member.schema';
import { DirectoryUnit } from '../src/directory/unit.schema';
import { NOTIFICATION, Notification } from '../src/notifications/notification.schema';
import { EventFeed, model, startNotifications } from './harness';

let app: INestApplication;
let feed: EventFeed;

beforeAll(async () => {
  app = await startNotifications(uniqueDatabase('notifications_targets'), {});
  feed = await EventFeed.connect();
});

afterAll(async () => {
  await feed?.close();
  await app?.close();
});

const unit = (unitId: string, name: string, path: string[]): UnitSnapshot => ({ unitId, name, kind: 'township', parentId: path[path.length - 2] ?? null, path, systemIds: [], status: 'active', revision: 1 });

/**
 * 区委 with 城北街道 (the unit admin's subtree: the member 张明 and a colleague 李华) and 红星街道 (outside it: 王芳), as
 * org-registry announces them; an activity scheduled in each township notifies its members in their inboxes.
 */
async function seedTargets(): Promise<TargetFixture> {
  const district = `d-target-${randomUUID()}`;
  const [root, chengbei, hongxing] = [['u-root'], ['u-root', 'u-chengbei'], ['u-root', 'u-hongxing']];
  await feed.emit(UnitCreated, { unit: unit('u-root', '区委', root) }, district);
  await feed.emit(UnitCreated, { unit: unit('u-chengbei', '城北街道', chengbei) }, district);
  await feed.emit(UnitCreated, { unit: unit('u-hongxing', '红星街道', hongxing) }, district);
  for (const [memberId, name, path] of [
    ['m-zhang', '张明', chengbei],
    ['m-li', '李华', chengbei],
    ['m-wang', '王芳', hongxing],
  ] as const) {
    await feed.emit(MemberEnrolled, { member: activeMember(memberId, name, path) }, district);
  }
  await eventually(async () => {
    expect(await model<DirectoryUnit>(app, ORG_UNIT).countDocuments({ district })).toBe(3);
    expect(await model<DirectoryMember>(app, ORG_MEMBER).countDocuments({ district })).toBe(3);
  });
  const startsAt = new Date(Date.now() + 3 * 24 * 60 * 60_000).toISOString();
  for (const organiserUnitId of ['u-chengbei', 'u-hongxing']) {
    const activity = { activityId: `a-${randomUUID()}`, campaignId: 'c-2026', organiserUnitId, kind: 'collective-study' as const, carrierId: null, title: '党性教育集中学习', startsAt, place: '区政协三楼会议室', invitedUnitIds: [] };
    await feed.emit(ActivityScheduled, activity, district);
  }
  const notifications = model<Notification>(app, NOTIFICATION);
  const notificationOf = async (recipientMemberId: string) => {
    const found = await eventually(async () => {
      const notification = await notifications.findOne({ district, recipientMemberId }).lean<Notification>();
      expect(notification).not.toBeNull();
      return notification as Notification;
    });
    return found.notificationId;
  };
  return {
    district,
    subtreeRoot: 'u-chengbei',
    memberId: 'm-zhang',
    records: {
      inside: { member: 'm-li', notification: await notificationOf('m-li') },
      outside: { member: 'm-wang', notification: await notificationOf('m-wang') },
      own: { member: 'm-zhang', notification: await notificationOf('m-zhang') },
    },
    secrets: ['城北街道', '红星街道', '张明', '李华', '王芳', '党性教育集中学习', '区政协三楼会议室'],
  };
}

targetMatrixCases('notifications', TARGET_TABLE['notifications'], () => app, seedTargets);
