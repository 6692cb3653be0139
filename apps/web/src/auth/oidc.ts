import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleAuth } from './console-config';

export const OIDC_CALLBACK_PATH = '/auth/callback';

/** Authorization code with PKCE (oidc-client-ts's default for `response_type: code`) against the customer's provider. */
export function userManager(auth: Extract<ConsoleAuth, { mode: 'oidc' }>): UserManager {
  return new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${window.location.origin}${OIDC_CALLBACK_PATH}`,
    post_logout_redirect_uri: window.location.origin,
    response_type: 'code',
    scope: auth.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}
