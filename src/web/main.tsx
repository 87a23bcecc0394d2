import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { Forbidden } from './components/Forbidden';
import { NotFound } from './components/NotFound';
import { I18nProvider } from './lib/i18n';
import { AuthProvider, useAuth } from './lib/auth';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { PenaltyPortalPage } from './portal/PenaltyPortalPage';
import { RandomPlanPortalPage } from './portal/RandomPlanPortalPage';
import { RandomPlanDetailPortalPage } from './portal/RandomPlanDetailPortalPage';
import { DrawVerifyPage } from './portal/DrawVerifyPage';
import { ServiceGuidePage } from './portal/ServiceGuidePage';
import { ApplyPage } from './portal/licensing/ApplyPage';
import { TrackPage } from './portal/licensing/TrackPage';
import { LicenceVerifyPage } from './portal/licensing/LicenceVerifyPage';
import { DecisionsPage } from './portal/licensing/DecisionsPage';
import { ComplaintPage } from './portal/matters/ComplaintPage';
import { DisclosureRequestPage } from './portal/matters/DisclosureRequestPage';
import { MatterTrackPage } from './portal/matters/MatterTrackPage';
import { ReportsPortalPage } from './portal/reports/ReportsPortalPage';
import { QuizListPortalPage } from './portal/quiz/QuizListPortalPage';
import { QuizTakePage } from './portal/quiz/QuizTakePage';
import { NAV, navAllowed } from './nav';
import { ApiError } from './lib/api';

// A session that expired while a page was open: forget the user so the app returns to
// the login page instead of showing "未登录" errors on every card.
const onError = (err: unknown) => {
  if (err instanceof ApiError && err.status === 401 && queryClient.getQueryData(['me'])) queryClient.setQueryData(['me'], null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function Protected() {
  const { me, can } = useAuth();
  if (!me) return <Navigate to="/login" replace />;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        {NAV.flatMap((n) => {
          const allowed = navAllowed(n, can);
          // A page the role may not use answers 无权访问 rather than vanishing into a redirect.
          return [
            <Route key={n.path} path={n.path} element={allowed ? n.element : <Forbidden />} />,
            ...(n.children ?? []).map((c) => (
              <Route key={c.path} path={c.path} element={allowed && (!c.permission || can(c.permission)) ? c.element : <Forbidden />} />
            )),
          ];
        })}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function Root() {
  const { me } = useAuth();
  return (
    <Routes>
      <Route path="/login" element={me ? <Navigate to="/" replace /> : <LoginPage />} />
      <Route path="/portal/penalties" element={<PenaltyPortalPage />} />
      <Route path="/portal/random-plans" element={<RandomPlanPortalPage />} />
      <Route path="/portal/random-plans/:planNo" element={<RandomPlanDetailPortalPage />} />
      <Route path="/portal/random-plans/:planNo/draws/:attempt/verify" element={<DrawVerifyPage />} />
      <Route path="/portal/draw-verify" element={<DrawVerifyPage />} />
      <Route path="/portal/service-guide" element={<ServiceGuidePage />} />
      <Route path="/portal/service-guide/:itemCode" element={<ServiceGuidePage />} />
      <Route path="/portal/apply" element={<ApplyPage />} />
      <Route path="/portal/apply/:itemCode" element={<ApplyPage />} />
      <Route path="/portal/track" element={<TrackPage />} />
      <Route path="/portal/track/:code" element={<TrackPage />} />
      <Route path="/portal/verify/licence" element={<LicenceVerifyPage />} />
      <Route path="/portal/verify/licence/:token" element={<LicenceVerifyPage />} />
      <Route path="/portal/licensing-decisions" element={<DecisionsPage />} />
      <Route path="/portal/complaint" element={<ComplaintPage />} />
      <Route path="/portal/disclosure" element={<DisclosureRequestPage />} />
      <Route path="/portal/matters/track" element={<MatterTrackPage />} />
      <Route path="/portal/matters/track/:code" element={<MatterTrackPage />} />
      <Route path="/portal/reports" element={<ReportsPortalPage />} />
      <Route path="/portal/reports/:id" element={<ReportsPortalPage />} />
      <Route path="/portal/quiz" element={<QuizListPortalPage />} />
      <Route path="/portal/quiz/:id" element={<QuizTakePage />} />
      <Route path="/portal/*" element={<NotFound portal />} />
      <Route path="/*" element={<Protected />} />
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <BrowserRouter>
            <AuthProvider>
              <Root />
            </AuthProvider>
          </BrowserRouter>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
