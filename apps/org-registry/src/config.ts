import { serviceEnvSchema } from '@campaign/service-kit';

export const orgRegistryEnv = serviceEnvSchema({});
