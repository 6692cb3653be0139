import { CanActivate, createParamDecorator, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { hasRole, Principal, Role } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const PUBLIC = Symbol('PUBLIC');
const ROLES_REQUIRED = Symbol('ROLES_REQUIRED');

/** No token needed: health, metrics, SCIM (which has its own bearer check). */
export const Public = () => SetMetadata(PUBLIC, true);

/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_REQUIRED, roles);

type AuthenticatedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('no authenticated caller');
  return principal;
});

/** Global guard: every route needs a valid bearer token unless marked @Public(); @Roles narrows it further. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier: TokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService,
  ) {
    this.verifier = new TokenVerifier({
      jwksUrl: config.get<string>('AUTH_JWKS_URL'),
      devSecret: config.get<string>('AUTH_DEV_SECRET'),
      issuer: config.getOrThrow<string>('AUTH_ISSUER'),
      audience: config.getOrThrow<string>('AUTH_AUDIENCE'),
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedException('a bearer token is required');
    try {
      request.principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(`invalid token: ${error.message}`);
      throw error;
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_REQUIRED, targets);
    if (required && !hasRole(request.principal, ...required)) {
      throw new ForbiddenException(`requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
