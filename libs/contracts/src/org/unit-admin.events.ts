import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDate, revision } from '../common';

/** A unit admin grant (who administers which unit) was given or revoked by a district admin. */
export const UnitAdminGrantChanged = defineEvent(
  'org.unit-admin-grant.changed',
  1,
  z.object({
    grantId: id,
    unitId: id,
    memberId: id,
    active: z.boolean(),
    /** Start of the current (or, once revoked, the last) tenure; `to` is set once revoked. */
    from: isoDate,
    to: isoDate.nullable(),
    changedBy: z.string().min(1),
    revision,
  }),
);
