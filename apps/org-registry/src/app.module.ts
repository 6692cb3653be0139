import { Module } from '@nestjs/common';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { orgRegistryEnv } from './config';

@Module({
  imports: [
    ServiceKitModule.forRoot({ serviceName: 'org-registry', envSchema: orgRegistryEnv }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({ publishes: 'org' }),
    AuthModule,
  ],
})
export class AppModule {}
