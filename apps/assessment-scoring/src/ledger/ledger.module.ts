import { Module } from '@nestjs/common';
import { SchemeVersionsModule } from '../schemes/scheme-versions.module';
import { StandingsModule } from '../standings/standings.module';
import { AdjustmentsService } from './adjustments.service';
import { DerivationService } from './derivation.service';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { RecomputeService } from './recompute.service';
import { ScoringService } from './scoring.service';

@Module({
  imports: [StandingsModule, SchemeVersionsModule],
  controllers: [LedgerController],
  providers: [LedgerService, ScoringService, RecomputeService, DerivationService, AdjustmentsService],
  exports: [LedgerService, ScoringService, RecomputeService],
})
export class LedgerModule {}
