import { Router, json } from 'express';
import { issueDevToken, Principal } from '@campaign/auth';

/** One identity a developer may sign in as; the sign-in page shows its label. */
export interface DevIdentity {
  id: string;
  label: string;
  principal: Principal;
}

const TOKEN_LIFETIME = '12h';

/**
 * Development sign-in only (the services refuse the development issuer in production): lists the identities and
 * issues a token for the one picked, signed with the secret the services trust.
 */
export function devSignInRouter(secret: string, identities: DevIdentity[]): Router {
  const router = Router();
  router.get('/identities', (_request, response) => {
    response.json(identities.map(({ id, label, principal }) => ({ id, label, roles: principal.roles })));
  });
  router.post('/token', json(), async (request, response) => {
    const identity = identities.find((candidate) => candidate.id === request.body?.identityId);
    if (!identity) {
      response.status(404).json({ statusCode: 404, message: `no development identity ${String(request.body?.identityId)}` });
      return;
    }
    response.json({ token: await issueDevToken(identity.principal, { secret, expiresIn: TOKEN_LIFETIME }) });
  });
  return router;
}
