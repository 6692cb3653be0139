import { OrgReadModelOptions } from '@campaign/org-read-model';
import { MemberObligations } from '../integration-events/member-obligations';

/** Activity-records keeps the most of the organisation: unit kinds, HR ids, tenure and earlier units for attribution. */
export const activityOrgReadModel: OrgReadModelOptions = {
  key: 'id',
  groupCommitEnrolments: true,
  collections: { units: 'org_units', members: 'org_members', systems: 'org_systems' },
  units: { kind: true, systemIds: true },
  members: { externalId: true, posts: true, leaderFlags: true, joinedOn: true, leftOn: true, previousUnits: true },
  indexes: {
    units: [[{ path: 1 }], [{ systemIds: 1 }], [{ district: 1, parentId: 1 }]],
    members: [[{ unitId: 1 }], [{ unitPath: 1 }], [{ district: 1, externalId: 1 }]],
  },
  followUps: MemberObligations,
};
