import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { UnitsModule } from '../units/units.module';
import { PlacementController } from './placement.controller';
import { PlacementService } from './placement.service';

@Module({ imports: [MembersModule, UnitsModule], controllers: [PlacementController], providers: [PlacementService], exports: [PlacementService] })
export class PlacementModule {}
