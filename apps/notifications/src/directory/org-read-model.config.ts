import { OrgReadModelOptions } from '@campaign/org-read-model';

/** The directory: members with what addresses and routes a notification, units for names and subtrees; no systems. */
export const directoryReadModel: OrgReadModelOptions = {
  key: 'id-field',
  collections: { units: 'directory_units', members: 'directory_members' },
  members: { posts: true, roles: true, contacts: true },
  indexes: {
    units: [[{ path: 1 }]],
    members: [[{ unitPath: 1 }], [{ district: 1, unitId: 1 }], [{ district: 1, roleKeys: 1 }]],
  },
};
