import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { RankingsModule } from '../rankings/rankings.module';
import { AppraisalController } from './appraisal.controller';
import { AppraisalService } from './appraisal.service';

@Module({ imports: [RankingsModule, LedgerModule], controllers: [AppraisalController], providers: [AppraisalService] })
export class AppraisalModule {}
