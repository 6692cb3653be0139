import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, revision } from '../common';

export const LEADING_GROUP_ROLES = ['leader', 'deputy', 'member'] as const;

export const LeadingGroupChanged = defineEvent(
  'org.leading-group.changed',
  1,
  z.object({
    unitId: id,
    groupId: id,
    name: z.string().min(1),
    kind: z.enum(['leading-group', 'working-body']),
    members: z.array(z.object({ memberId: id, role: z.enum(LEADING_GROUP_ROLES) })),
    revision,
  }),
);

/** A system (系统) groups units across the tree, e.g. education; rankings "within a system" need its members. */
export const SystemChanged = defineEvent(
  'org.system.changed',
  1,
  z.object({
    systemId: id,
    name: z.string().min(1),
    leadUnitId: id.nullable(),
    unitIds: z.array(id),
    revision,
  }),
);
