import { Schema } from 'mongoose';
import { MEMBER_STATUSES, MemberStatus } from '@campaign/contracts';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { HeldRole } from './member-roles';

export const MEMBER_MODEL = 'Member';

export interface Contacts {
  email?: string;
  phone?: string;
  wecomId?: string;
  dingtalkId?: string;
}

/** A past placement: the member belonged to `unitId` from `from` until `to`. */
export interface Placement {
  unitId: string;
  unitPath: string[];
  from?: string;
  to: string;
}

export interface MemberDocument {
  _id: string;
  district: string;
  externalId?: string;
  /** The login name HR systems provision (SCIM userName); unique in the district when set. */
  userName?: string;
  name: string;
  givenName?: string;
  familyName?: string;
  unitId: string;
  unitPath: string[];
  /** When the member joined the current unit. */
  unitSince?: string;
  posts: string[];
  isLeader: boolean;
  isKeyPost: boolean;
  status: MemberStatus;
  joinedAt?: string;
  leftAt?: string;
  contacts: Contacts;
  history: Placement[];
  /** Resolved from posts (post dictionary), leading-group seats and unit admin grants; published on member events. Absent on members stored before roles. */
  roles?: HeldRole[];
  revision: number;
  createdAt?: Date;
  updatedAt?: Date;
}

export const memberSchema = new Schema(
  {
    _id: { type: String, required: true },
    externalId: { type: String },
    userName: { type: String },
    name: { type: String, required: true },
    givenName: { type: String },
    familyName: { type: String },
    unitId: { type: String, required: true },
    unitPath: { type: [String], required: true },
    unitSince: { type: String },
    posts: { type: [String], default: [] },
    isLeader: { type: Boolean, default: false },
    isKeyPost: { type: Boolean, default: false },
    status: { type: String, enum: MEMBER_STATUSES, default: 'active' },
    joinedAt: { type: String },
    leftAt: { type: String },
    contacts: {
      type: new Schema({ email: String, phone: String, wecomId: String, dingtalkId: String }, { _id: false }),
      default: {},
    },
    history: {
      type: [new Schema({ unitId: String, unitPath: [String], from: String, to: String }, { _id: false })],
      default: [],
    },
    roles: {
      type: [new Schema({ role: String, unitId: String, source: String, ref: String }, { _id: false })],
      default: [],
    },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'members' },
);
memberSchema.plugin(tenantPlugin);
memberSchema.plugin(outboxPlugin);
memberSchema.index({ district: 1, unitPath: 1, status: 1 });
memberSchema.index({ district: 1, externalId: 1 });
memberSchema.index({ district: 1, userName: 1 });
memberSchema.index({ district: 1, unitId: 1 });
memberSchema.index({ district: 1, posts: 1 });
