import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import express from 'express';
import { MembersModule } from '../members/members.module';
import { ImportController } from './import.controller';
import { ImportService } from './import.service';

/** HR files can be far larger than the 100 kB JSON default: they come as text (CSV or JSON) with their own limit. */
const IMPORT_BODY_LIMIT = '200mb';

@Module({ imports: [MembersModule], controllers: [ImportController], providers: [ImportService], exports: [ImportService] })
export class ImportModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.text({ type: ['text/*', 'application/octet-stream', 'application/x-ndjson'], limit: IMPORT_BODY_LIMIT }))
      .forRoutes({ path: 'import/members', method: RequestMethod.POST });
  }
}
