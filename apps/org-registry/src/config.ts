import { z } from 'zod';
import { serviceEnvSchema } from '@campaign/service-kit';

export const orgRegistryEnv = serviceEnvSchema({
  /** The URL clients reach org-registry at (e.g. `https://org.xz.gov.cn`): SCIM resource locations are built on it; unset, they follow the proxy's forwarded headers or the request's Host. */
  PUBLIC_BASE_URL: z.string().url().optional(),
});
