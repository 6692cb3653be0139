import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const PLACEMENT_SETTINGS = 'PlacementSettings';

/** Where a district keeps provisioned members whose department names no unit (one document per district). */
export interface PlacementSettingsDocument {
  /** The district itself. */
  _id: string;
  district: string;
  holdingUnitId: string;
}

export const placementSettingsSchema = new Schema(
  {
    _id: { type: String, required: true },
    holdingUnitId: { type: String, required: true },
  },
  { ...defaultSchemaOptions, collection: 'placement_settings' },
);
placementSettingsSchema.plugin(tenantPlugin);
