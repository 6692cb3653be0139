import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { UnitsModule } from '../units/units.module';
import { LeadingGroupsController } from './leading-groups.controller';
import { LeadingGroupsService } from './leading-groups.service';

@Module({ imports: [UnitsModule, MembersModule], controllers: [LeadingGroupsController], providers: [LeadingGroupsService], exports: [LeadingGroupsService] })
export class LeadingGroupsModule {}
