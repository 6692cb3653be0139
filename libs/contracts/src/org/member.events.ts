import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDate, revision } from '../common';

export const MEMBER_STATUSES = ['active', 'transferred', 'retired', 'left'] as const;
export const memberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof memberStatus>;

export const contactChannels = z.object({
  email: z.string().email().optional(),
  phone: z.string().optional(),
  wecomId: z.string().optional(),
  dingtalkId: z.string().optional(),
});

/** The full state of a member after the change, so a consumer can upsert from any single event. */
export const memberSnapshot = z.object({
  memberId: id,
  externalId: z.string().optional(),
  name: z.string().min(1),
  unitId: id,
  unitPath: z.array(id).min(1),
  posts: z.array(z.string()).default([]),
  isLeader: z.boolean(),
  isKeyPost: z.boolean(),
  status: memberStatus,
  joinedAt: isoDate.optional(),
  leftAt: isoDate.optional(),
  contacts: contactChannels.default({}),
  revision,
});
export type MemberSnapshot = z.infer<typeof memberSnapshot>;

export const MemberEnrolled = defineEvent('org.member.enrolled', 1, z.object({ member: memberSnapshot }));
export const MemberUpdated = defineEvent('org.member.updated', 1, z.object({ member: memberSnapshot }));
/** Past records stay with `fromUnitId`; only what happens after `effectiveAt` belongs to the new unit. */
export const MemberTransferred = defineEvent(
  'org.member.transferred',
  1,
  z.object({ member: memberSnapshot, fromUnitId: id, toUnitId: id, effectiveAt: isoDate }),
);
export const MemberLeft = defineEvent(
  'org.member.left',
  1,
  z.object({ member: memberSnapshot, reason: z.enum(['transferred', 'retired', 'left']), effectiveAt: isoDate }),
);
