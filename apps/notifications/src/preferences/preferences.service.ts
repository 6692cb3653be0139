import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { acrossDistricts, isDuplicateKey } from '@campaign/persistence';
import { PreferencesView, UpdatePreferencesDto } from './preference.dto';
import { DEFAULT_PREFERENCE, MEMBER_PREFERENCE, MemberPreference } from './preference.schema';

function view(preference: Omit<MemberPreference, 'district' | 'memberId'>): PreferencesView {
  const { channels, quietHours, digest, digestHour, locale } = preference;
  return { channels, quietHours, digest, digestHour, locale };
}

@Injectable()
export class PreferencesService {
  constructor(@InjectModel(MEMBER_PREFERENCE) private readonly preferences: Model<MemberPreference>) {}

  async forMember(district: string, memberId: string): Promise<MemberPreference> {
    const stored = await this.preferences.findOne({ district, memberId }).lean<MemberPreference>();
    return stored ?? { district, memberId, ...DEFAULT_PREFERENCE };
  }

  async view(district: string, memberId: string): Promise<PreferencesView> {
    return view(await this.forMember(district, memberId));
  }

  async update(district: string, memberId: string, changes: UpdatePreferencesDto): Promise<PreferencesView> {
    const update = { $set: { ...changes } };
    try {
      await this.preferences.updateOne({ district, memberId }, update, { upsert: true, setDefaultsOnInsert: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.preferences.updateOne({ district, memberId }, update);
    }
    return this.view(district, memberId);
  }

  /** Members of every district who chose a daily digest: the digest job's work list. */
  digestSubscribers(): Promise<MemberPreference[]> {
    return acrossDistricts(this.preferences.find({ digest: 'daily' })).lean<MemberPreference[]>();
  }
}
