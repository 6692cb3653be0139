import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DistrictLocks, OrgReadModelHandlers, OrgReadModelInboxHandlers, OrgSystemHandlers } from './org-read-model.handlers';
import { ORG_MEMBER, ORG_READ_MODEL_OPTIONS, ORG_SYSTEM, ORG_UNIT, OrgReadModelOptions } from './org-read-model.options';
import { orgReadModelSchemas } from './org-read-model.schemas';
import { OrgReadModelService } from './org-read-model.service';

@Module({})
export class OrgReadModelModule {
  /** Global: every feature of a service reads the organisation, and a service has one read model of it. */
  static forRoot(options: OrgReadModelOptions): DynamicModule {
    const schemas = orgReadModelSchemas(options);
    const handlers = options.groupCommitEnrolments ? OrgReadModelHandlers : OrgReadModelInboxHandlers;
    const models = MongooseModule.forFeature([
      { name: ORG_UNIT, schema: schemas.unit },
      { name: ORG_MEMBER, schema: schemas.member },
      ...(schemas.system ? [{ name: ORG_SYSTEM, schema: schemas.system }] : []),
    ]);
    return {
      module: OrgReadModelModule,
      global: true,
      imports: [models],
      controllers: [handlers, ...(schemas.system ? [OrgSystemHandlers] : [])],
      providers: [{ provide: ORG_READ_MODEL_OPTIONS, useValue: options }, OrgReadModelService, DistrictLocks],
      exports: [models, OrgReadModelService],
    };
  }
}
