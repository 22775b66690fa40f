import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation, useNavigate } from 'react-router';
import { CodePage } from '../features/auth/ui/code-page.tsx';
import { EnrolPage } from '../features/auth/ui/enrol-page.tsx';
import { ForgotPasswordPage, ResetPasswordPage } from '../features/auth/ui/password-pages.tsx';
import { InvitationPage } from '../features/auth/ui/invitation-page.tsx';
import { OidcProvidersPage } from '../features/auth/ui/oidc-providers-page.tsx';
import { SignInPage } from '../features/auth/ui/sign-in-page.tsx';
import { AuditLogPage } from '../features/audit-log/ui/audit-log-page.tsx';
import { BoardsPage } from '../features/organisation/ui/boards-page.tsx';
import { SchoolDetailPage } from '../features/organisation/ui/school-detail-page.tsx';
import { SchoolFormPage } from '../features/organisation/ui/school-form-page.tsx';
import { SchoolsPage } from '../features/organisation/ui/schools-page.tsx';
import { OutboxPage } from '../features/outbox/ui/outbox-page.tsx';
import { ClassScanPage } from '../features/pupils/ui/class-scan-page.tsx';
import { MyClassesPage } from '../features/pupils/ui/my-classes-page.tsx';
import { ImportPage } from '../features/pupil-import/ui/import-page.tsx';
import { PupilDetailPage } from '../features/pupils/ui/pupil-detail-page.tsx';
import { PupilsPage } from '../features/pupils/ui/pupils-page.tsx';
import { StaffDetailPage } from '../features/staff/ui/staff-detail-page.tsx';
import { StaffInvitePage } from '../features/staff/ui/staff-invite-page.tsx';
import { StaffListPage } from '../features/staff/ui/staff-list-page.tsx';
import { MyActionsPage, SchoolAgreementsPage, SignalsPage } from '../features/support-route/ui/actions-pages.tsx';
import { MeetingPage } from '../features/support-route/ui/meeting-page.tsx';
import { MeetingsPage } from '../features/support-route/ui/meetings-page.tsx';
import { SupportRoutePage } from '../features/support-route/ui/route-page.tsx';
import { OppComparePage } from '../features/plans/ui/opp-compare-page.tsx';
import { OppEditorPage } from '../features/plans/ui/opp-editor-page.tsx';
import { OppOverviewPage } from '../features/plans/ui/overview-page.tsx';
import { ParentPlanPage } from '../features/plans/ui/parent-page.tsx';
import { ParentRequestPage } from '../features/requests/ui/parent-request-page.tsx';
import { RequestPage } from '../features/requests/ui/request-page.tsx';
import { RequestsQueuePage } from '../features/requests/ui/queue-page.tsx';
import { ArrangementsPage } from '../features/arrangements/ui/arrangements-page.tsx';
import { TlvRegisterPage } from '../features/tlv-register/ui/tlv-register-page.tsx';
import { BoardPage } from '../features/zorgplicht/ui/board-page.tsx';
import { NewRegistrationPage } from '../features/zorgplicht/ui/new-registration-page.tsx';
import { RegistrationPage } from '../features/zorgplicht/ui/registration-page.tsx';
import { RegistrationsPage } from '../features/zorgplicht/ui/registrations-page.tsx';
import { RequestSettingsPage } from '../features/requests/ui/request-settings-page.tsx';
import { CoveragePage } from '../features/support-offer/ui/coverage-page.tsx';
import { MeldcodeFilePage, MeldcodeLogPage, MeldcodePage } from '../features/meldcode/ui/meldcode-pages.tsx';
import { ProfilePage } from '../features/support-offer/ui/profile-page.tsx';
import { ProfilesPage } from '../features/support-offer/ui/profiles-page.tsx';
import { SupportOfferSettingsPage } from '../features/support-offer/ui/settings-page.tsx';
import { ActionPlansPage } from '../features/quality/ui/action-plans-page.tsx';
import { AuditPage } from '../features/quality/ui/audit-page.tsx';
import { AuditsPage } from '../features/quality/ui/audits-page.tsx';
import { GuidePage } from '../features/quality/ui/guide-page.tsx';
import { IndicatorsPage } from '../features/quality/ui/indicators-page.tsx';
import { RoundTablePage } from '../features/quality/ui/round-table-page.tsx';
import { RoundTablesPage } from '../features/quality/ui/round-tables-page.tsx';
import { PlanPage } from '../features/quality/ui/plan-page.tsx';
import { SpearheadsPage } from '../features/quality/ui/spearheads-page.tsx';
import { setAuthProblemHandler } from '../web/api.ts';
import { sessionKey, useSession, wasSignedOutByUser } from '../web/session.tsx';
import { ComingSoon, Loading, QueryError } from '../web/ui.tsx';
import { AdminPage } from './admin-page.tsx';
import { AppLayout, PublicLayout, type PlaceHandle } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { StartPage } from './start-page.tsx';

const here = (loc: { pathname: string; search: string }) => encodeURIComponent(loc.pathname + loc.search);

/** Sends a lost session to sign-in and a missing second factor to the code page, keeping the place. */
function AuthProblemRedirect() {
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(() => {
    setAuthProblemHandler((problem) => {
      const back = here(window.location);
      if (wasSignedOutByUser() || window.location.pathname === '/inloggen' || window.location.pathname === '/code') return;
      void client.invalidateQueries({ queryKey: sessionKey });
      navigate(problem === 'MFA_REQUIRED' ? `/code?terug=${back}` : `/inloggen?terug=${back}`, { replace: true });
    });
  }, [navigate, client]);
  return <Outlet />;
}

/** The signed-in part of the app: a full session with a verified second factor. */
function SignedIn() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <PublicLayout>
        <Loading what="Sessie" />
      </PublicLayout>
    );
  }
  if (session.isError) {
    return (
      <PublicLayout>
        <QueryError error={session.error} />
      </PublicLayout>
    );
  }
  const s = session.data;
  if (!s.signedIn || !s.user) return <Navigate to={wasSignedOutByUser() ? '/inloggen?uitgelogd=1' : `/inloggen?terug=${here(location)}`} replace />;
  if (s.mfa === 'enrol') return <Navigate to={`/tweestapsverificatie?terug=${here(location)}`} replace />;
  if (s.mfa === 'required') return <Navigate to={`/code?terug=${here(location)}`} replace />;
  return <AppLayout user={s.user} />;
}

const soon = (title: string, text: string) => <ComingSoon title={title} text={text} />;

/**
 * A page below the first level: its name and the pages above it, for the
 * breadcrumbs (the same way back whoever comes). Each page above is one every
 * reader of this page may open.
 */
type Params = Record<string, string | undefined>;
const place = (label: string, crumbs: (p: Params) => { to: string; label: string }[]): { handle: PlaceHandle } => ({ handle: { label, crumbs } });
const pupils = { to: '/leerlingen', label: 'Leerlingen' };
const support = { to: '/ondersteuning', label: 'Ondersteuning' };
const schools = { to: '/scholen', label: 'Scholen' };
const admin = { to: '/beheer', label: 'Beheer' };
const staff = { to: '/beheer/medewerkers', label: 'Medewerkers' };

const router = createBrowserRouter([
  // The parent's (and pupil's) page behind the link in the school's mail: outside the staff shell and its sign-in redirects.
  { path: '/ouders/opp', element: <ParentPlanPage /> },
  { path: '/ouders/aanvraag', element: <ParentRequestPage /> },
  {
    element: <AuthProblemRedirect />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: '/inloggen', element: <SignInPage /> },
          { path: '/tweestapsverificatie', element: <EnrolPage /> },
          { path: '/code', element: <CodePage /> },
          { path: '/wachtwoord-vergeten', element: <ForgotPasswordPage /> },
          { path: '/wachtwoord-herstellen', element: <ResetPasswordPage /> },
          { path: '/uitnodiging', element: <InvitationPage /> },
        ],
      },
      { path: '/outbox', element: <PublicLayout wide><OutboxPage /></PublicLayout> },
      {
        element: <SignedIn />,
        children: [
          { path: '/', element: <StartPage /> },
          { path: '/leerlingen', element: <PupilsPage /> },
          { path: '/leerlingen/:id', element: <PupilDetailPage />, ...place('Leerling', () => [pupils]) },
          { path: '/mijn-klassen', element: <MyClassesPage />, ...place('Mijn klassen', () => [pupils]) },
          { path: '/klassen/:id/scan', element: <ClassScanPage />, ...place('Klassenscan', () => [pupils]) },
          { path: '/ondersteuning', element: <Navigate to="/ondersteuning/mijn-acties" replace /> },
          { path: '/ondersteuning/mijn-acties', element: <MyActionsPage />, ...place('Mijn acties', () => [support]) },
          { path: '/ondersteuning/overleggen', element: <MeetingsPage />, ...place('Overleggen', () => [support]) },
          { path: '/ondersteuning/overleggen/:id', element: <MeetingPage />, ...place('Overleg', () => [support, { to: '/ondersteuning/overleggen', label: 'Overleggen' }]) },
          { path: '/ondersteuning/signalen', element: <SignalsPage />, ...place('Signalen', () => [support]) },
          { path: '/ondersteuning/afspraken', element: <SchoolAgreementsPage />, ...place('Afspraken', () => [support]) },
          { path: '/ondersteuning/route', element: <SupportRoutePage />, ...place('Ondersteuningsroute', () => [support]) },
          { path: '/opp', element: <OppOverviewPage /> },
          // A plan is reached from its pupil: everyone who reads it reads the pupil list (the school overview is not everyone's).
          { path: '/opp/:id', element: <OppEditorPage />, ...place('OPP', () => [pupils]) },
          { path: '/opp/:id/vergelijk', element: <OppComparePage />, ...place('Versies vergelijken', (p) => [pupils, { to: `/opp/${p.id}`, label: 'OPP' }]) },
          { path: '/aanvragen', element: <RequestsQueuePage /> },
          { path: '/aanvragen/:id', element: <RequestPage />, ...place('Aanvraag', () => [{ to: '/aanvragen', label: 'Aanvragen' }]) },
          { path: '/tlv-register', element: <TlvRegisterPage /> },
          { path: '/zorgplicht', element: <RegistrationsPage /> },
          { path: '/zorgplicht/bord', element: <BoardPage />, ...place('Zorgplichtbord', () => [{ to: '/zorgplicht', label: 'Aanmeldingen' }]) },
          { path: '/zorgplicht/nieuw', element: <NewRegistrationPage />, ...place('Nieuwe aanmelding', () => [{ to: '/zorgplicht', label: 'Aanmeldingen' }]) },
          { path: '/zorgplicht/:id', element: <RegistrationPage />, ...place('Aanmelding', () => [{ to: '/zorgplicht', label: 'Aanmeldingen' }]) },
          { path: '/arrangementen', element: <ArrangementsPage /> },
          { path: '/thuiszitters', element: soon('Thuiszitters', 'Hier komt het overzicht van leerlingen die (dreigen te) thuiszitten, met de afspraken en termijnen.') },
          { path: '/rapportages', element: soon('Rapportages', 'Hier komen de rapportages en kengetallen van het samenwerkingsverband.') },
          { path: '/profielen', element: <ProfilesPage /> },
          { path: '/dekkend-aanbod', element: <CoveragePage /> },
          { path: '/profielen/:id', element: <ProfilePage />, ...place('Ondersteuningsprofiel', () => [{ to: '/profielen', label: 'Ondersteuningsprofielen' }]) },
          { path: '/kwaliteit/actieplannen', element: <ActionPlansPage /> },
          { path: '/kwaliteit/actieplannen/:id', element: <PlanPage />, ...place('Actieplan', () => [{ to: '/kwaliteit/actieplannen', label: 'Actieplannen' }]) },
          { path: '/kwaliteit/audits', element: <AuditsPage /> },
          { path: '/kwaliteit/handreiking', element: <GuidePage /> },
          { path: '/kwaliteit/indicatoren', element: <IndicatorsPage /> },
          { path: '/kwaliteit/thematafels', element: <RoundTablesPage /> },
          { path: '/kwaliteit/thematafels/:id', element: <RoundTablePage />, ...place('Thematafel', () => [{ to: '/kwaliteit/thematafels', label: 'Thematafels' }]) },
          { path: '/kwaliteit/audits/:id', element: <AuditPage />, ...place('Audit', () => [{ to: '/kwaliteit/audits', label: 'Audits' }]) },
          { path: '/meldcode', element: <MeldcodePage /> },
          { path: '/meldcode/:id', element: <MeldcodeFilePage />, ...place('Dossier', () => [{ to: '/meldcode', label: 'Meldcode' }]) },
          { path: '/scholen', element: <SchoolsPage /> },
          { path: '/scholen/nieuw', element: <SchoolFormPage />, ...place('Nieuwe school', () => [schools]) },
          { path: '/scholen/:id', element: <SchoolDetailPage />, ...place('School', () => [schools]) },
          { path: '/scholen/:id/bewerken', element: <SchoolFormPage />, ...place('Bewerken', (p) => [schools, { to: `/scholen/${p.id}`, label: 'School' }]) },
          { path: '/scholen/:id/import', element: <ImportPage />, ...place('Leerlingen importeren', (p) => [schools, { to: `/scholen/${p.id}`, label: 'School' }]) },
          { path: '/beheer', element: <AdminPage /> },
          { path: '/beheer/besturen', element: <BoardsPage />, ...place('Besturen', () => [admin]) },
          { path: '/beheer/medewerkers', element: <StaffListPage />, ...place('Medewerkers', () => [admin]) },
          { path: '/beheer/medewerkers/uitnodigen', element: <StaffInvitePage />, ...place('Uitnodigen', () => [admin, staff]) },
          { path: '/beheer/medewerkers/:id', element: <StaffDetailPage />, ...place('Medewerker', () => [admin, staff]) },
          { path: '/beheer/aanvragen', element: <RequestSettingsPage />, ...place('Aanvragen', () => [admin]) },
          { path: '/beheer/ondersteuningsprofielen', element: <SupportOfferSettingsPage />, ...place('Ondersteuningsprofielen', () => [admin]) },
          { path: '/beheer/speerpunten', element: <SpearheadsPage />, ...place('Speerpunten', () => [admin]) },
          { path: '/beheer/auditlog', element: <AuditLogPage />, ...place('Auditlog', () => [admin]) },
          { path: '/beheer/meldcode-logboek', element: <MeldcodeLogPage />, ...place('Logboek meldcode', () => [admin]) },
          { path: '/beheer/inlogmethoden', element: <OidcProvidersPage />, ...place('Inlogmethoden', () => [admin]) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Auth problems redirect; other errors show on the page. Retrying a 4xx only delays the message.
      retry: (count, error) => count < 1 && !(error as { status?: number }).status,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
