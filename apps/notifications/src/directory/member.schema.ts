import { Schema } from 'mongoose';
import { MemberRoleInUnit } from '@campaign/contracts';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const DIRECTORY_MEMBER = 'DirectoryMember';

export interface MemberContacts {
  email?: string;
  phone?: string;
  wecomId?: string;
  dingtalkId?: string;
}

/** What this service knows of a member, from org-registry's events: enough to address and route notifications. */
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

export const directoryMemberSchema = new Schema(
  {
    memberId: { type: String, required: true },
    name: { type: String, required: true },
    unitId: { type: String, required: true },
    unitPath: { type: [String], required: true, index: true },
    posts: { type: [String], default: [] },
    roles: { type: [new Schema({ role: String, unitId: String }, { _id: false })], default: [] },
    roleKeys: { type: [String], default: [] },
    status: { type: String, required: true },
    contacts: { type: Schema.Types.Mixed, default: {} },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'directory_members' },
);
directoryMemberSchema.plugin(tenantPlugin);
directoryMemberSchema.index({ district: 1, memberId: 1 }, { unique: true });
directoryMemberSchema.index({ district: 1, unitId: 1 });
directoryMemberSchema.index({ district: 1, roleKeys: 1 });
