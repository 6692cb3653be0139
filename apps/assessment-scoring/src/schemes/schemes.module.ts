import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { StandingsModule } from '../standings/standings.module';
import { SchemePreviewService } from './scheme-preview.service';
import { SchemeVersionsModule } from './scheme-versions.module';
import { SchemesController } from './schemes.controller';

@Module({ imports: [SchemeVersionsModule, LedgerModule, StandingsModule], controllers: [SchemesController], providers: [SchemePreviewService] })
export class SchemesModule {}
