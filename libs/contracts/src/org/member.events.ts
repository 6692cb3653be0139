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

/** Roles a post title can give (through the district's post dictionary, e.g. 支部书记 → secretary). */
export const POST_ROLES = ['secretary', 'deputy-secretary', 'organiser', 'unit-head'] as const;
/** Seats of a unit's leading group (组长, 副组长, 成员). */
export const LEADING_GROUP_SEAT_ROLES = ['leading-group-leader', 'leading-group-deputy', 'leading-group-member'] as const;
/** Every role a member can hold in a unit: from posts, leading-group seats, and unit admin grants. */
export const MEMBER_ROLES = [...POST_ROLES, ...LEADING_GROUP_SEAT_ROLES, 'unit-admin'] as const;
export const memberRole = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof memberRole>;

/** A role held in a unit: who is secretary of which branch, who administers which unit, who sits in which leading group. */
export const memberRoleInUnit = z.object({ role: memberRole, unitId: id });
export type MemberRoleInUnit = z.infer<typeof memberRoleInUnit>;

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
  /** The member's explicit roles, resolved by org-registry; absent in events older than the field (no roles known). */
  roles: z.array(memberRoleInUnit).optional(),
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
