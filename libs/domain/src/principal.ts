import { CodedError } from './errors';

/** Who acts through the API: a transmission platform, scoped to SIRENs. */
export interface PlatformPrincipal {
  /** Audit actor: `platform:<name>`. */
  id: string;
  /** SIRENs this platform may act for; `*` for the development token. */
  sirens: '*' | string[];
}

/** Refuses, with 403 FORBIDDEN_SIREN, a principal acting for a collectivity outside its scope. */
export function assertSirenAllowed(principal: PlatformPrincipal, siren: string): void {
  if (principal.sirens !== '*' && !principal.sirens.includes(siren)) {
    throw new CodedError('FORBIDDEN_SIREN', `This token may not act for SIREN ${siren}`, { siren });
  }
}
