import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { LeadingGroupsController } from './leading-groups.controller';
import { LeadingGroupsService } from './leading-groups.service';

@Module({ imports: [UnitsModule], controllers: [LeadingGroupsController], providers: [LeadingGroupsService], exports: [LeadingGroupsService] })
export class LeadingGroupsModule {}
