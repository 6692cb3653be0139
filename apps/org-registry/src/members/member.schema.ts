import { Schema } from 'mongoose';
import { MEMBER_STATUSES, MemberStatus } from '@campaign/contracts';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { HeldRole } from './member-roles';

export const MEMBER = 'Member';

export interface Contacts {
  email?: string;
  phone?: string;
  wecomId?: string;
  dingtalkId?: string;
}

/** A typed value the identity provider keeps (SCIM `emails`, `phoneNumbers`). */
export interface TypedValue {
  value: string;
  type?: string;
  primary?: boolean;
  display?: string;
}

/** A postal address the identity provider keeps (SCIM `addresses`). */
export interface PostalAddress {
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  type?: string;
  primary?: boolean;
}

/** The member's manager as the identity provider names them: the manager's member id (SCIM `manager.value`). */
export interface ManagerReference {
  value: string;
  displayName?: string;
}

/**
 * What the identity provider keeps about the person beyond the platform's own fields: every typed email, phone
 * and address, and the enterprise attributes (RFC 7643 §4.3). `department` is the provider's text, not a unit.
 */
export interface DirectoryProfile {
  /** `name.formatted` as sent; the member's `name` follows `displayName` first. */
  formattedName?: string;
  emails?: TypedValue[];
  phoneNumbers?: TypedValue[];
  addresses?: PostalAddress[];
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: ManagerReference;
}

/** A provisioned member whose department names no unit: kept in the holding unit (or their own) until an admin places them. */
export interface AwaitingPlacement {
  department?: string;
  since: string;
}

/** The identity provider deleted the user (SCIM DELETE): gone for SCIM, kept here as left; its identifiers were released. */
export interface DirectoryDeletion {
  at: string;
  userName?: string;
  externalId?: string;
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
  /** `userName` compared case-insensitively (SCIM `caseExact: false`): lookups and uniqueness go by this key. */
  userNameKey?: string;
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
  directory?: DirectoryProfile;
  awaitingPlacement?: AwaitingPlacement;
  directoryDeletion?: DirectoryDeletion;
  /** Resolved from posts (post dictionary), leading-group seats and unit admin grants; published on member events. Absent on members stored before roles. */
  roles?: HeldRole[];
  revision: number;
  createdAt?: Date;
  updatedAt?: Date;
}

// A field named `type` has to be declared as `{ type: String }`: a bare `type: String` declares the parent's type.
const typedValueSchema = new Schema({ value: String, type: { type: String }, primary: Boolean, display: String }, { _id: false });
const postalAddressSchema = new Schema(
  { formatted: String, streetAddress: String, locality: String, region: String, postalCode: String, country: String, type: { type: String }, primary: Boolean },
  { _id: false },
);

export const memberSchema = new Schema(
  {
    _id: { type: String, required: true },
    externalId: { type: String },
    userName: { type: String },
    userNameKey: { type: String },
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
    directory: {
      type: new Schema(
        {
          formattedName: String,
          // No default: an absent list and an empty one must read back the same, or every sync looks like a change.
          emails: { type: [typedValueSchema], default: undefined },
          phoneNumbers: { type: [typedValueSchema], default: undefined },
          addresses: { type: [postalAddressSchema], default: undefined },
          employeeNumber: String,
          costCenter: String,
          organization: String,
          division: String,
          department: String,
          manager: { type: new Schema({ value: String, displayName: String }, { _id: false }) },
        },
        { _id: false },
      ),
    },
    awaitingPlacement: { type: new Schema({ department: String, since: String }, { _id: false }) },
    directoryDeletion: { type: new Schema({ at: String, userName: String, externalId: String }, { _id: false }) },
    roles: {
      type: [new Schema({ role: String, unitId: String, source: String, ref: String }, { _id: false })],
      default: [],
    },
    revision: { type: Number, required: true },
    // The bulk write (an HR import batch) that last wrote the member: which members it wrote, never shown.
    writeId: { type: String, select: false },
  },
  { ...defaultSchemaOptions, collection: 'members' },
);
memberSchema.plugin(tenantPlugin);
memberSchema.plugin(outboxPlugin);
// The members an HR import batch wrote: which of its staged events to publish.
memberSchema.index({ district: 1, writeId: 1 });
memberSchema.index({ district: 1, unitPath: 1, status: 1 });
memberSchema.index({ district: 1, externalId: 1 });
memberSchema.index({ district: 1, userNameKey: 1 });
memberSchema.index({ district: 1, unitId: 1 });
memberSchema.index({ district: 1, posts: 1 });
