import { Module } from '@nestjs/common';
import { ImportModule } from '../import/import.module';
import { LeadingGroupsModule } from '../leading-groups/leading-groups.module';
import { MembersModule } from '../members/members.module';
import { SystemsModule } from '../systems/systems.module';
import { UnitAdminsModule } from '../unit-admins/unit-admins.module';
import { UnitsModule } from '../units/units.module';
import { SeedController } from './seed.controller';
import { SeedService } from './seed.service';

@Module({ imports: [UnitsModule, MembersModule, SystemsModule, LeadingGroupsModule, ImportModule, UnitAdminsModule], controllers: [SeedController], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
