import { CodedError } from '@openactes/domain';
import type { RequestPrincipal } from '../common/roles';

/**
 * The SIRENs a request may read: null for all (reviewers, administrators, the
 * development token), else its own; a `siren` filter outside them is refused.
 */
export function sirenScope(principal: RequestPrincipal, siren?: string): string[] | null {
  if (siren !== undefined && !/^\d{9}$/.test(siren)) throw new CodedError('VALIDATION_FAILED', 'siren must be 9 digits', { siren });
  const own = principal.sirens === '*' ? null : principal.sirens;
  if (siren === undefined) return own;
  if (own && !own.includes(siren)) throw new CodedError('FORBIDDEN_SIREN', `You may not read SIREN ${siren}`, { siren });
  return [siren];
}
