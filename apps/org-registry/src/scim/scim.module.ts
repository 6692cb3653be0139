import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { TokenVerifier } from '@campaign/auth';
import { MembersModule } from '../members/members.module';
import { createScimRouter } from './scim.router';
import { ScimService } from './scim.service';

export const SCIM_BASE_PATH = '/scim/v2';

/** Mounts the SCIM service provider on the HTTP server (plain express: SCIM has its own bearer check and errors). */
@Module({ imports: [MembersModule], providers: [ScimService] })
export class ScimModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly service: ScimService,
    private readonly config: ConfigService,
  ) {}

  onModuleInit(): void {
    const verifier = new TokenVerifier({
      jwksUrl: this.config.get<string>('AUTH_JWKS_URL'),
      devSecret: this.config.get<string>('AUTH_DEV_SECRET'),
      issuer: this.config.getOrThrow<string>('AUTH_ISSUER'),
      audience: this.config.getOrThrow<string>('AUTH_AUDIENCE'),
    });
    this.adapterHost.httpAdapter.getInstance().use(SCIM_BASE_PATH, createScimRouter(this.service, verifier));
  }
}
