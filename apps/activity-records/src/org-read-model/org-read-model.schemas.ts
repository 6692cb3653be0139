import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const ORG_UNIT = 'OrgUnit';
export const ORG_MEMBER = 'OrgMember';
export const ORG_SYSTEM = 'OrgSystem';

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
  leftOn?: string;
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

export const orgUnitSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true },
    parentId: { type: String, default: null },
    path: { type: [String], index: true },
    systemIds: { type: [String], default: [], index: true },
    status: { type: String, required: true },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'org_units' },
);
orgUnitSchema.plugin(tenantPlugin);
orgUnitSchema.index({ district: 1, parentId: 1 });

export const orgMemberSchema = new Schema(
  {
    _id: { type: String, required: true },
    externalId: { type: String },
    name: { type: String, required: true },
    unitId: { type: String, required: true, index: true },
    unitPath: { type: [String], index: true },
    posts: { type: [String], default: [] },
    isLeader: { type: Boolean, default: false },
    isKeyPost: { type: Boolean, default: false },
    status: { type: String, required: true },
    joinedOn: String,
    leftOn: String,
    previousUnits: { type: [{ _id: false, unitId: String, until: Date }], default: [] },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'org_members' },
);
orgMemberSchema.plugin(tenantPlugin);
orgMemberSchema.index({ district: 1, externalId: 1 });

export const orgSystemSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    leadUnitId: { type: String, default: null },
    unitIds: { type: [String], default: [] },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'org_systems' },
);
orgSystemSchema.plugin(tenantPlugin);
