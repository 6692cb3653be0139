import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { TokenVerifier } from '@campaign/auth';
import { MembersModule } from '../members/members.module';
import { PlacementModule } from '../placement/placement.module';
import { SCIM_BASE_PATH } from './scim-protocol';
import { createScimRouter, scimErrorHandler } from './scim.router';
import { ScimService } from './scim.service';

/** Mounts the SCIM service provider on the HTTP server (plain express: SCIM has its own bearer check and errors). */
@Module({ imports: [MembersModule, PlacementModule], providers: [ScimService] })
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
    const router = createScimRouter(this.service, verifier, { publicBaseUrl: this.config.get<string>('PUBLIC_BASE_URL') });
    this.adapterHost.httpAdapter.getInstance().use(SCIM_BASE_PATH, router, scimErrorHandler);
  }
}
