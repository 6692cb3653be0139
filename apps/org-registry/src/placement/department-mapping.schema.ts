import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const DEPARTMENT_MAPPING = 'DepartmentMapping';

/** A district's rule: members whose identity-provider department reads `department` belong to `unitId`. */
export interface DepartmentMappingDocument {
  /** `districtKey(district, key)`: one mapping per department text in a district. */
  _id: string;
  district: string;
  department: string;
  /** The department compared loosely (case, width and spacing ignored), see `departmentKeyOf`. */
  key: string;
  unitId: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export const departmentMappingSchema = new Schema(
  {
    _id: { type: String, required: true },
    department: { type: String, required: true },
    key: { type: String, required: true },
    unitId: { type: String, required: true },
  },
  { ...defaultSchemaOptions, collection: 'department_mappings' },
);
departmentMappingSchema.plugin(tenantPlugin);
departmentMappingSchema.index({ district: 1, key: 1 }, { unique: true });
