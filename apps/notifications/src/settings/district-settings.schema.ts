import { Schema } from 'mongoose';
import { Locale } from '@campaign/i18n';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const DISTRICT_SETTINGS = 'DistrictSettings';

export { SUPPORTED_LOCALES as LOCALES } from '@campaign/i18n';
export type { Locale };

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Per district: its time zone, default language, messaging gateway webhook, and whether default rules were seeded. */
export interface DistrictSettings {
  district: string;
  timeZone: string;
  defaultLocale: Locale;
  webhookUrl: string | null;
  webhookSecret: string | null;
  rulesSeeded: boolean;
}

export const districtSettingsSchema = new Schema(
  {
    // The district id as _id: one settings document per district without a second index on `district`.
    _id: { type: String, required: true },
    timeZone: { type: String, default: DEFAULT_TIME_ZONE },
    defaultLocale: { type: String, default: 'zh-CN' },
    webhookUrl: { type: String, default: null },
    webhookSecret: { type: String, default: null },
    rulesSeeded: { type: Boolean, default: false },
  },
  { ...defaultSchemaOptions, collection: 'district_settings' },
);
districtSettingsSchema.plugin(tenantPlugin);
