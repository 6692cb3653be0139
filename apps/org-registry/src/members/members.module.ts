import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { MemberRolesService } from './member-roles.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({ imports: [UnitsModule], controllers: [MembersController], providers: [MembersService, MemberRolesService], exports: [MembersService, MemberRolesService] })
export class MembersModule {}
