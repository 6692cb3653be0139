import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { SchemeVersionsModule } from '../schemes/scheme-versions.module';
import { StandingsModule } from '../standings/standings.module';
import { ExplainService } from './explain.service';
import { ScoresController } from './scores.controller';
import { ScoresService } from './scores.service';

@Module({ imports: [LedgerModule, StandingsModule, SchemeVersionsModule], controllers: [ScoresController], providers: [ExplainService, ScoresService] })
export class ScoresModule {}
