import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';
import { badRequest } from '../i18n/problems';
import { DEFAULT_TIME_ZONE, DISTRICT_SETTINGS, DistrictSettings } from './district-settings.schema';
import { SettingsView, UpdateSettingsDto } from './settings.dto';

const DEFAULTS: Omit<DistrictSettings, 'district'> = {
  timeZone: DEFAULT_TIME_ZONE,
  defaultLocale: 'zh-CN',
  webhookUrl: null,
  webhookSecret: null,
  rulesSeeded: false,
};

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

@Injectable()
export class SettingsService {
  constructor(@InjectModel(DISTRICT_SETTINGS) private readonly settings: Model<DistrictSettings>) {}

  async forDistrict(district: string): Promise<DistrictSettings> {
    const stored = await this.settings.findOne({ district }).lean<DistrictSettings>();
    return stored ?? { district, ...DEFAULTS };
  }

  async update(district: string, changes: UpdateSettingsDto): Promise<SettingsView> {
    if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone)) {
      throw badRequest('settings.unknown-time-zone', { timeZone: changes.timeZone }, 'timeZone');
    }
    await this.upsert(district, { ...changes });
    return this.view(district);
  }

  async view(district: string): Promise<SettingsView> {
    const settings = await this.forDistrict(district);
    return {
      timeZone: settings.timeZone,
      defaultLocale: settings.defaultLocale,
      webhookUrl: settings.webhookUrl,
      hasWebhookSecret: Boolean(settings.webhookSecret),
    };
  }

  markRulesSeeded(district: string): Promise<void> {
    return this.upsert(district, { rulesSeeded: true });
  }

  private async upsert(district: string, changes: Partial<DistrictSettings>): Promise<void> {
    try {
      await this.settings.updateOne({ _id: district, district }, { $set: changes }, { upsert: true, setDefaultsOnInsert: true });
    } catch (error) {
      // Two replicas creating the document at once: the loser applies its change to the winner's document.
      if (!isDuplicateKey(error)) throw error;
      await this.settings.updateOne({ _id: district, district }, { $set: changes });
    }
  }
}
