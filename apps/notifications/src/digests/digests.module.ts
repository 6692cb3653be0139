import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { PreferencesModule } from '../preferences/preferences.module';
import { SettingsModule } from '../settings/settings.module';
import { DigestService } from './digest.service';

@Module({ imports: [PreferencesModule, ObligationsModule, SettingsModule, NotificationsModule], providers: [DigestService], exports: [DigestService] })
export class DigestsModule {}
