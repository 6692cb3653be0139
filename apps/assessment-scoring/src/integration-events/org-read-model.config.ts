import { OrgReadModelOptions } from '@campaign/org-read-model';
import { StandingsRelisting } from './standings-relisting';

/** What scoring keeps of the organisation: paths for access, systems for rankings, leader flags, who left when. */
export const scoringOrgReadModel: OrgReadModelOptions = {
  key: 'district-key',
  groupCommitEnrolments: true,
  collections: { units: 'units', members: 'members', systems: 'systems' },
  units: { systemIds: true },
  members: { leaderFlags: true, leftOn: true },
  indexes: {
    units: [[{ district: 1, path: 1 }], [{ district: 1, parentId: 1, status: 1 }]],
    members: [[{ district: 1, unitId: 1, status: 1 }]],
    systems: [[{ district: 1, unitIds: 1 }]],
  },
  followUps: StandingsRelisting,
};
