import type { ActStatus, Role } from './api';

export const STATUS_LABELS: Record<ActStatus, string> = {
  received: 'Reçu',
  processing: 'En traitement',
  held_for_review: 'En relecture',
  published: 'Publié',
  rejected: 'Rejeté',
  failed: 'En échec',
  withdrawn: 'Non publié',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrateur',
  reviewer: 'Relecteur',
  clerk: 'Agent de collectivité',
};

export const NATURE_LABELS: Record<string, string> = {
  DE: 'Délibération',
  AR: 'Arrêté réglementaire',
  AI: 'Arrêté individuel',
  CC: 'Contrat ou convention',
  BF: 'Document budgétaire',
  AU: 'Autre',
};

export const ENTITY_LABELS: Record<string, string> = {
  PERSON: 'Personne',
  ADDRESS: 'Adresse',
  PARCEL: 'Parcelle',
  BIRTHDATE: 'Date de naissance',
  PHONE: 'Téléphone',
  EMAIL: 'Courriel',
  IBAN: 'IBAN',
  NIR: 'N° de sécurité sociale',
  JUDGEMENT: 'Jugement',
  QUASI_ID: 'Quasi-identifiant',
};

export const ERROR_LABELS: Record<string, string> = {
  INVALID_CREDENTIALS: 'Identifiant ou mot de passe incorrect.',
  UNAUTHENTICATED: 'Votre session a expiré : veuillez vous reconnecter.',
  FORBIDDEN: 'Accès refusé : votre rôle ne permet pas cette action.',
  FORBIDDEN_SIREN: 'Accès refusé : cette collectivité ne fait pas partie de votre périmètre.',
  NOT_FOUND: 'Élément introuvable.',
  CONFLICT: 'Action impossible dans l’état actuel de l’acte.',
  VALIDATION_FAILED: 'Données invalides.',
  CSRF_FAILED: 'Jeton de sécurité invalide : rechargez la page.',
  RATE_LIMITED: 'Trop de requêtes : réessayez dans un instant.',
  SERVICE_UNAVAILABLE: 'Service momentanément indisponible.',
};

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '—';
}
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1).replace('.', ',')} h`;
  return `${(seconds / 86400).toFixed(1).replace('.', ',')} j`;
}
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} o`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace('.', ',')} Ko`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
}
