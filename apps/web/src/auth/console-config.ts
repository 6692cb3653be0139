export type ConsoleAuth = { mode: 'development' } | { mode: 'oidc'; authority: string; clientId: string; scope: string } | { mode: 'none' };

export interface ConsoleConfig {
  auth: ConsoleAuth;
}

/** The gateway's `/console-config.json` (nginx serves the same file in production). */
export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console-config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) return { auth: { mode: 'none' } };
  return (await response.json()) as ConsoleConfig;
}
