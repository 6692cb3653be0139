import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { Locale } from '../settings/district-settings.schema';
import { QuietHours } from './quiet-hours';

export const MEMBER_PREFERENCE = 'MemberPreference';

export const CHANNELS = ['inbox', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIGEST_MODES = ['none', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

export interface MemberPreference {
  district: string;
  memberId: string;
  channels: Channel[];
  quietHours: QuietHours | null;
  /** `daily`: single messages wait in the inbox and reach email/webhook once a day, in one digest. */
  digest: DigestMode;
  /** Local hour after which the daily digest goes out. */
  digestHour: number;
  locale: Locale | null;
}

export const DEFAULT_PREFERENCE: Omit<MemberPreference, 'district' | 'memberId'> = {
  channels: ['inbox', 'email'],
  quietHours: null,
  digest: 'none',
  digestHour: 8,
  locale: null,
};

export const memberPreferenceSchema = new Schema(
  {
    memberId: { type: String, required: true },
    channels: { type: [String], default: DEFAULT_PREFERENCE.channels },
    quietHours: { type: { _id: false, start: String, end: String }, default: null },
    digest: { type: String, default: 'none' },
    digestHour: { type: Number, default: 8 },
    locale: { type: String, default: null },
  },
  { ...defaultSchemaOptions, collection: 'member_preferences' },
);
memberPreferenceSchema.plugin(tenantPlugin);
memberPreferenceSchema.index({ district: 1, memberId: 1 }, { unique: true });
memberPreferenceSchema.index({ digest: 1 });
