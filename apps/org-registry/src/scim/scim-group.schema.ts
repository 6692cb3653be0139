import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const SCIM_GROUP = 'ScimGroup';

/** A group as the HR system provisions it (SCIM Group); kept for round-tripping, it does not move members. */
export interface ScimGroupDocument {
  _id: string;
  district: string;
  displayName: string;
  externalId?: string;
  memberIds: string[];
  revision: number;
  createdAt?: Date;
  updatedAt?: Date;
}

export const scimGroupSchema = new Schema(
  {
    _id: { type: String, required: true },
    displayName: { type: String, required: true },
    externalId: { type: String },
    memberIds: { type: [String], default: [] },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'scim_groups' },
);
scimGroupSchema.plugin(tenantPlugin);
scimGroupSchema.index({ district: 1, displayName: 1 });
scimGroupSchema.index({ district: 1, externalId: 1 });
