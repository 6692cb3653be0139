import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { SystemsController } from './systems.controller';
import { SystemsService } from './systems.service';

@Module({ imports: [UnitsModule], controllers: [SystemsController], providers: [SystemsService], exports: [SystemsService] })
export class SystemsModule {}
