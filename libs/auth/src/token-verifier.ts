import { createRemoteJWKSet, jwtVerify, JWTVerifyGetKey, SignJWT } from 'jose';
import { Principal, principalClaims } from './principal';

export interface VerifierSettings {
  jwksUrl?: string;
  devSecret?: string;
  issuer: string;
  audience: string;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Verifies bearer tokens by the identity provider's JWKS, or by the development issuer's secret. */
export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | Uint8Array;

  constructor(private readonly settings: VerifierSettings) {
    if (settings.jwksUrl) this.key = createRemoteJWKSet(new URL(settings.jwksUrl));
    else if (settings.devSecret) this.key = new TextEncoder().encode(settings.devSecret);
    else throw new Error('a token verifier needs a JWKS URL or a development secret');
  }

  async verify(token: string): Promise<Principal> {
    let payload: unknown;
    try {
      const options = { issuer: this.settings.issuer, audience: this.settings.audience };
      const result =
        this.key instanceof Uint8Array ? await jwtVerify(token, this.key, options) : await jwtVerify(token, this.key, options);
      payload = result.payload;
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
    const claims = principalClaims.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError(`token claims: ${claims.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return claims.data;
  }
}

export interface DevTokenSettings {
  secret: string;
  issuer?: string;
  audience?: string;
  expiresIn?: string;
}

/** Signs a token as the development issuer: for local runs, demos and tests only. */
export async function issueDevToken(claims: Principal, settings: DevTokenSettings): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(settings.issuer ?? 'campaign-platform-dev')
    .setAudience(settings.audience ?? 'campaign-platform')
    .setIssuedAt()
    .setExpirationTime(settings.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(settings.secret));
}
