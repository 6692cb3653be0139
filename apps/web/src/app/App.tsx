import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from '../api/client';
import type { ConsoleConfig } from '../auth/console-config';
import { OIDC_CALLBACK_PATH } from '../auth/oidc';
import { hasRole, useSession } from '../auth/session';
import { OidcCallback, SignInPage } from '../auth/SignInPage';
import { DistrictDashboard } from '../pages/dashboard/DistrictDashboard';
import { MemberSpace } from '../pages/member/MemberSpace';
import { UnitWorkspace } from '../pages/unit/UnitWorkspace';
import { OrganisationPage } from '../pages/organisation/OrganisationPage';
import { AppraisalPage } from '../pages/appraisal/AppraisalPage';
import { Layout } from './Layout';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A refusal (4xx) will not change by asking again; a network error or a 5xx may.
      queries: { retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500), staleTime: 10_000, refetchOnWindowFocus: false },
    },
  });
}

function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return session ? <>{children}</> : <Navigate to="/sign-in" replace />;
}

function Home() {
  const { session } = useSession();
  if (!session) return <Navigate to="/sign-in" replace />;
  const claims = session.claims;
  return <Navigate to={hasRole(claims, 'district-admin') ? '/dashboard' : hasRole(claims, 'unit-admin') ? '/unit' : '/me'} replace />;
}

export function App({ config, queryClient = createQueryClient() }: { config: ConsoleConfig; queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Layout>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/sign-in" element={<SignInPage auth={config.auth} />} />
            {config.auth.mode === 'oidc' && <Route path={OIDC_CALLBACK_PATH} element={<OidcCallback auth={config.auth} />} />}
            <Route path="/dashboard" element={<SignedIn><DistrictDashboard /></SignedIn>} />
            <Route path="/unit" element={<SignedIn><UnitWorkspace /></SignedIn>} />
            <Route path="/unit/:unitId" element={<SignedIn><UnitWorkspace /></SignedIn>} />
            <Route path="/me" element={<SignedIn><MemberSpace /></SignedIn>} />
            <Route path="/organisation" element={<SignedIn><OrganisationPage /></SignedIn>} />
            <Route path="/appraisal" element={<SignedIn><AppraisalPage /></SignedIn>} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Layout>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
