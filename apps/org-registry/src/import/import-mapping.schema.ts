import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { ColumnMapping } from './column-mapping';

export const IMPORT_MAPPING = 'ImportMapping';

export interface ImportMappingDocument extends ColumnMapping {
  district: string;
  name: string;
}

export const importMappingSchema = new Schema(
  {
    name: { type: String, required: true },
    format: { type: String, enum: ['csv', 'json'], required: true },
    columns: { type: Schema.Types.Mixed, required: true },
    unitReference: { type: String, enum: ['code', 'name'], default: 'code' },
    listSeparator: { type: String, default: '、' },
    delimiter: { type: String, default: ',' },
  },
  { ...defaultSchemaOptions, collection: 'import_mappings' },
);
importMappingSchema.plugin(tenantPlugin);
importMappingSchema.index({ district: 1, name: 1 }, { unique: true });
