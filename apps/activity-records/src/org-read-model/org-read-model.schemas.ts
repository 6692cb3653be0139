/** The organisation as activity-records keeps it; stored by `@campaign/org-read-model` as `activityOrgReadModel` configures. */

export interface OrgUnit {
  _id: string;
  district: string;
  name: string;
  kind: string;
  parentId: string | null;
  /** Ancestors from the root down to the unit itself; derived from the stored parents when they are known. */
  path: string[];
  systemIds: string[];
  status: 'active' | 'closed';
  revision: number;
}

export interface UnitStint {
  unitId: string;
  /** The member belonged to `unitId` until this moment (a transfer's effective date). */
  until: Date;
}

export interface OrgMember {
  _id: string;
  district: string;
  externalId?: string;
  name: string;
  unitId: string;
  unitPath: string[];
  posts: string[];
  isLeader: boolean;
  isKeyPost: boolean;
  status: 'active' | 'transferred' | 'retired' | 'left';
  /** The days (YYYY-MM-DD) the member joined and left, when HR knows them. */
  joinedOn?: string;
  leftOn?: string | null;
  /** Earlier units, so records before a transfer stay attributed where they happened. */
  previousUnits: UnitStint[];
  revision: number;
}

export interface OrgSystem {
  _id: string;
  district: string;
  name: string;
  leadUnitId: string | null;
  unitIds: string[];
  revision: number;
}
