import { issueDevToken, Principal } from '@campaign/auth';

/** The development issuer's secret for local runs; production verifies tokens by AUTH_JWKS_URL instead. */
export const LOCAL_AUTH_SECRET = process.env.AUTH_DEV_SECRET ?? 'local-development-secret-change-me-0123456789';

export function devToken(claims: Principal, expiresIn = '12h'): Promise<string> {
  return issueDevToken(claims, { secret: LOCAL_AUTH_SECRET, expiresIn });
}
