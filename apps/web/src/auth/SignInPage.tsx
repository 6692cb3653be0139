import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage, Loading } from '../components/status';
import type { ConsoleAuth } from './console-config';
import { userManager } from './oidc';
import { useSession } from './session';

interface DevIdentity {
  id: string;
  label: string;
  roles: string[];
}

async function devIdentities(): Promise<DevIdentity[]> {
  const response = await fetch('/auth/dev/identities');
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return (await response.json()) as DevIdentity[];
}

async function devToken(identityId: string): Promise<string> {
  const response = await fetch('/auth/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identityId }) });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Development: pick one of the development identities. Production: OpenID Connect with the customer's provider. */
export function SignInPage({ auth }: { auth: ConsoleAuth }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {auth.mode === 'development' && <DevSignIn />}
      {auth.mode === 'oidc' && (
        <>
          <p>{t('signIn.oidc')}</p>
          <button type="button" className="primary" onClick={() => void userManager(auth).signinRedirect()}>
            {t('signIn.oidcButton')}
          </button>
        </>
      )}
      {auth.mode === 'none' && <p role="alert">{t('signIn.none')}</p>}
    </main>
  );
}

function DevSignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const identities = useQuery({ queryKey: ['dev-identities'], queryFn: devIdentities });
  const [error, setError] = useState<unknown>(null);
  if (identities.isPending) return <Loading />;
  if (identities.error) return <ErrorMessage error={identities.error} onRetry={() => void identities.refetch()} />;
  const choose = async (identity: DevIdentity) => {
    try {
      signIn(await devToken(identity.id));
      navigate('/');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <p>{t('signIn.development')}</p>
      {error ? <ErrorMessage error={error} /> : null}
      <ul className="identities">
        {identities.data.map((identity) => (
          <li key={identity.id}>
            <button type="button" data-identity={identity.id} onClick={() => void choose(identity)}>
              <strong>{identity.label}</strong>
              <span>{identity.roles.map((role) => t(`roles.${role}`)).join('、')}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The provider sends the browser back here with the code; oidc-client-ts exchanges it (with the PKCE verifier) for tokens. */
export function OidcCallback({ auth }: { auth: Extract<ConsoleAuth, { mode: 'oidc' }> }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    userManager(auth)
      .signinRedirectCallback()
      .then((user) => {
        signIn(user.access_token);
        navigate('/', { replace: true });
      }, setError);
  }, [auth, signIn, navigate]);
  return <main id="main">{error ? <ErrorMessage error={error} /> : <p role="status">{t('signIn.callback')}</p>}</main>;
}
