import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken, type Role, type Session } from './api';
import { AccessDenied, ErrorAlert, Loading } from './components/Feedback';
import { ROLE_LABELS } from './labels';
import { ActPage } from './pages/ActPage';
import { ActsPage } from './pages/ActsPage';
import { BackfillPage } from './pages/BackfillPage';
import { CollectivitiesPage } from './pages/CollectivitiesPage';
import { DashboardPage } from './pages/DashboardPage';
import { DatasetsPage } from './pages/DatasetsPage';
import { FailuresPage } from './pages/FailuresPage';
import { LoginPage } from './pages/LoginPage';
import { ReviewQueuePage } from './pages/ReviewQueuePage';
import { href, useRoute, type Route } from './router';
import { SessionContext } from './session';

interface Page {
  path: string;
  label: string;
  roles: Role[];
}

const PAGES: Page[] = [
  { path: '', label: 'Tableau de bord', roles: ['admin', 'reviewer', 'clerk'] },
  { path: 'actes', label: 'Actes', roles: ['admin', 'reviewer', 'clerk'] },
  { path: 'echecs', label: 'Échecs', roles: ['admin'] },
  { path: 'relecture', label: 'File de relecture', roles: ['admin', 'reviewer'] },
  { path: 'collectivites', label: 'Collectivités et jetons', roles: ['admin'] },
  { path: 'jeux-de-donnees', label: 'Jeux de données', roles: ['admin', 'reviewer', 'clerk'] },
  { path: 'rattrapage', label: 'Rattrapage', roles: ['admin'] },
];

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [bootError, setBootError] = useState<unknown>(null);

  useEffect(() => {
    api<Session>('GET', '/api/v1/session').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) setSession(null);
        else setBootError(err);
      },
    );
  }, []);

  const onLogin = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setSession(s);
    window.location.hash = '#/';
  }, []);
  const logout = useCallback(() => {
    void api('DELETE', '/api/v1/session').finally(() => {
      setCsrfToken(null);
      setSession(null);
    });
  }, []);

  if (bootError) return <main className="container"><ErrorAlert error={bootError} /></main>;
  if (session === undefined) return <main className="container"><Loading /></main>;
  if (session === null) return <LoginPage onLogin={onLogin} />;
  return (
    <SessionContext.Provider value={{ user: session.user, logout }}>
      <Shell role={session.user.role} />
    </SessionContext.Provider>
  );
}

function Shell({ role }: { role: Role }) {
  const route = useRoute();
  const current = route.path[0] ?? '';
  return (
    <>
      <a className="skip-link" href="#contenu" onClick={skipToContent}>
        Aller au contenu
      </a>
      <Header />
      <nav className="main-nav" aria-label="Menu principal">
        <ul className="container">
          {PAGES.filter((p) => p.roles.includes(role)).map((p) => (
            <li key={p.path}>
              <a href={`#/${p.path}`} aria-current={current === p.path ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="contenu" className="container" tabIndex={-1}>
        <PageFor route={route} role={role} />
      </main>
      <footer className="site-footer">
        <p className="container">Open Actes — console de supervision. Données publiées sous Licence Ouverte 2.0.</p>
      </footer>
    </>
  );
}

function skipToContent(e: React.MouseEvent) {
  e.preventDefault();
  document.getElementById('contenu')?.focus();
}

function Header() {
  return (
    <SessionContext.Consumer>
      {(s) => (
        <header className="site-header">
          <div className="container header-row">
            <p className="brand">
              <a href="#/">Open Actes</a> <span className="brand-sub">Console de supervision</span>
            </p>
            {s && (
              <div className="user-box">
                <span>
                  {s.user.displayName} <span className="muted">({ROLE_LABELS[s.user.role]})</span>
                </span>
                <button type="button" className="button secondary" onClick={s.logout}>
                  Se déconnecter
                </button>
              </div>
            )}
          </div>
        </header>
      )}
    </SessionContext.Consumer>
  );
}

function PageFor({ route, role }: { route: Route; role: Role }) {
  const [first, second] = route.path;
  if (first === 'actes' && second) return <ActPage id={second} />;
  const page = PAGES.find((p) => p.path === (first ?? ''));
  if (!page) {
    return (
      <>
        <h1>Page introuvable</h1>
        <p>
          <a href={href()}>Retour au tableau de bord</a>
        </p>
      </>
    );
  }
  if (!page.roles.includes(role)) return <AccessDenied />;
  switch (page.path) {
    case '':
      return <DashboardPage />;
    case 'actes':
      return <ActsPage params={route.params} />;
    case 'echecs':
      return <FailuresPage />;
    case 'relecture':
      return <ReviewQueuePage />;
    case 'collectivites':
      return <CollectivitiesPage />;
    case 'jeux-de-donnees':
      return <DatasetsPage />;
    case 'rattrapage':
      return <BackfillPage />;
  }
  return null;
}
