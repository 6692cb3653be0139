import { Module } from '@nestjs/common';
import { ImportModule } from '../import/import.module';
import { LeadingGroupsModule } from '../leading-groups/leading-groups.module';
import { SystemsModule } from '../systems/systems.module';
import { UnitsModule } from '../units/units.module';
import { SeedController } from './seed.controller';
import { SeedService } from './seed.service';

@Module({ imports: [UnitsModule, SystemsModule, LeadingGroupsModule, ImportModule], controllers: [SeedController], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
