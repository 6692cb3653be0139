import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { OrgDataModule } from './common/org-data.module';
import { ProblemFilter } from './i18n/problems';
import { ImportModule } from './import/import.module';
import { LeadingGroupsModule } from './leading-groups/leading-groups.module';
import { MembersModule } from './members/members.module';
import { PostDictionaryModule } from './post-dictionary/post-dictionary.module';
import { PlacementModule } from './placement/placement.module';
import { ScimModule } from './scim/scim.module';
import { SeedModule } from './seed/seed.module';
import { SnapshotModule } from './snapshot/snapshot.module';
import { SystemsModule } from './systems/systems.module';
import { UnitAdminsModule } from './unit-admins/unit-admins.module';
import { UnitsModule } from './units/units.module';
import { orgRegistryEnv } from './config';

@Module({
  imports: [
    ServiceKitModule.forRoot({ serviceName: 'org-registry', envSchema: orgRegistryEnv }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({ publishes: 'org' }),
    AuthModule,
    OrgDataModule,
    UnitsModule,
    MembersModule,
    SystemsModule,
    LeadingGroupsModule,
    UnitAdminsModule,
    PostDictionaryModule,
    ImportModule,
    PlacementModule,
    ScimModule,
    SnapshotModule,
    SeedModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule {}
