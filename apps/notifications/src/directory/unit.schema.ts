import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const DIRECTORY_UNIT = 'DirectoryUnit';

export interface DirectoryUnit {
  district: string;
  unitId: string;
  name: string;
  parentId: string | null;
  path: string[];
  status: 'active' | 'closed';
  revision: number;
}

export const directoryUnitSchema = new Schema(
  {
    unitId: { type: String, required: true },
    name: { type: String, required: true },
    parentId: { type: String, default: null },
    path: { type: [String], required: true, index: true },
    status: { type: String, required: true },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'directory_units' },
);
directoryUnitSchema.plugin(tenantPlugin);
directoryUnitSchema.index({ district: 1, unitId: 1 }, { unique: true });
