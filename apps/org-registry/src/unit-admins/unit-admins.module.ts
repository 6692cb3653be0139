import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { UnitsModule } from '../units/units.module';
import { UnitAdminsController } from './unit-admins.controller';
import { UnitAdminsService } from './unit-admins.service';

@Module({ imports: [UnitsModule, MembersModule], controllers: [UnitAdminsController], providers: [UnitAdminsService], exports: [UnitAdminsService] })
export class UnitAdminsModule {}
