import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { SchemeVersionsModule } from '../schemes/scheme-versions.module';
import { ActivityEventsHandlers } from './activity-events.handlers';

@Module({ imports: [LedgerModule, SchemeVersionsModule], controllers: [ActivityEventsHandlers] })
export class IntegrationEventsModule {}
