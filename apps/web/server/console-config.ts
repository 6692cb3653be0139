/** How the browser signs in: development identities, OpenID Connect against the customer's provider, or not at all. */
export type ConsoleAuth =
  | { mode: 'development' }
  | { mode: 'oidc'; authority: string; clientId: string; scope?: string }
  | { mode: 'none' };

/** `/console-config.json`, read by the app at start; nginx serves the same file from configuration in production. */
export function consoleConfig(auth: ConsoleAuth): { auth: ConsoleAuth } {
  return { auth: auth.mode === 'oidc' ? { ...auth, scope: auth.scope ?? 'openid profile' } : auth };
}
