import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDateTime, revision } from '../common';

export const UNIT_KINDS = [
  'district-committee',
  'township',
  'town',
  'sub-district',
  'district-organ',
  'school',
  'hospital',
  'enterprise',
  'party-branch',
  'other',
] as const;
export const unitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKind>;

/** The full state of a unit after the change; `path` lists ancestor ids from the root down to the unit itself. */
export const unitSnapshot = z.object({
  unitId: id,
  name: z.string().min(1),
  kind: unitKind,
  parentId: id.nullable(),
  path: z.array(id).min(1),
  systemIds: z.array(id).default([]),
  status: z.enum(['active', 'closed']),
  revision,
});
export type UnitSnapshot = z.infer<typeof unitSnapshot>;

export const UnitCreated = defineEvent('org.unit.created', 1, z.object({ unit: unitSnapshot }));
export const UnitUpdated = defineEvent('org.unit.updated', 1, z.object({ unit: unitSnapshot }));
/** Descendants move with the unit: a consumer rewrites every path that starts with `previousPath`. */
export const UnitMoved = defineEvent(
  'org.unit.moved',
  1,
  z.object({ unit: unitSnapshot, previousParentId: id.nullable(), previousPath: z.array(id).min(1) }),
);
export const UnitClosed = defineEvent('org.unit.closed', 1, z.object({ unit: unitSnapshot, closedAt: isoDateTime }));
