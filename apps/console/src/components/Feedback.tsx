import { ApiError } from '../api';
import { ERROR_LABELS } from '../labels';

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const known = ERROR_LABELS[error.code];
    return known ? `${known} (${error.code})` : `${error.message} (${error.code})`;
  }
  return error instanceof Error ? `Erreur réseau : ${error.message}` : 'Erreur inconnue';
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/** A load that failed: the access-denied page for a 403, otherwise the reason. */
export function LoadError({ error }: { error: unknown }) {
  if (isForbidden(error)) return <AccessDenied />;
  return <ErrorAlert error={error} />;
}

export function AccessDenied() {
  return (
    <div className="alert alert-error" role="alert">
      <h2>Accès refusé</h2>
      <p>Vous n’avez pas accès à cette page : elle concerne une collectivité ou une fonction hors de votre périmètre.</p>
      <p>
        <a href="#/">Retour au tableau de bord</a>
      </p>
    </div>
  );
}

export function ErrorAlert({ error }: { error: unknown }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorText(error)}</p>
    </div>
  );
}

export function Success({ children }: { children: React.ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      <p>{children}</p>
    </div>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      Chargement…
    </p>
  );
}
