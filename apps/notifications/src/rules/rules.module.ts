import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';

@Module({ imports: [SettingsModule], controllers: [RulesController], providers: [RulesService], exports: [RulesService] })
export class RulesModule {}
