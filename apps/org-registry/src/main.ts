import 'reflect-metadata';
import { runService } from '@campaign/service-kit';
import { AppModule } from './app.module';
import { orgRegistryEnv } from './config';

void runService(AppModule, {
  envSchema: orgRegistryEnv,
  name: 'org-registry',
  title: 'org-registry',
  description: 'The organisation tree, systems, leading groups and members of each district; HR sync by SCIM 2.0 and bulk import.',
});
