import { MemberRoleInUnit } from '@campaign/contracts';

export interface MemberContacts {
  email?: string;
  phone?: string;
  wecomId?: string;
  dingtalkId?: string;
}

/** What this service knows of a member, from org-registry's events: enough to address and route notifications (stored as `directoryReadModel` configures). */
export interface DirectoryMember {
  district: string;
  memberId: string;
  name: string;
  unitId: string;
  unitPath: string[];
  posts: string[];
  /** The explicit roles org-registry resolved (secretary of a branch, unit admin, leading-group seat); audiences use only these. */
  roles: MemberRoleInUnit[];
  /** `role@unitId` of every role, so a rule's audience is found by equality on an indexed field. */
  roleKeys: string[];
  status: 'active' | 'transferred' | 'retired' | 'left';
  contacts: MemberContacts;
  revision: number;
}
