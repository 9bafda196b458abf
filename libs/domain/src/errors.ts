/**
 * Every failure a user or an operator may see carries a stable, machine-readable
 * code. The gateway maps codes to HTTP statuses in one place; workflows use
 * `retryable` to decide between a retry and a final, visible failure.
 */
export const ErrorCodes = {
  // Ingestion (HTTP 4xx)
  INVALID_ARCHIVE: { http: 400, retryable: false },
  ARCHIVE_TOO_LARGE: { http: 413, retryable: false },
  MISSING_ENVELOPE: { http: 400, retryable: false },
  INVALID_ENVELOPE: { http: 400, retryable: false },
  MISSING_ACTE: { http: 400, retryable: false },
  INVALID_ACTE: { http: 400, retryable: false },
  MISSING_DOCUMENT: { http: 400, retryable: false },
  INVALID_XML: { http: 400, retryable: false },
  INVALID_MESSAGE: { http: 400, retryable: false },
  UNSUPPORTED_CONTENT_TYPE: { http: 415, retryable: false },
  PAYLOAD_TOO_LARGE: { http: 413, retryable: false },
  UNAUTHENTICATED: { http: 401, retryable: false },
  FORBIDDEN: { http: 403, retryable: false },
  FORBIDDEN_SIREN: { http: 403, retryable: false },
  // Accounts: a wrong username or password (never which of the two), a session request without its CSRF token.
  INVALID_CREDENTIALS: { http: 401, retryable: false },
  CSRF_FAILED: { http: 403, retryable: false },
  VALIDATION_FAILED: { http: 400, retryable: false },
  NOT_FOUND: { http: 404, retryable: false },
  CONFLICT: { http: 409, retryable: false },
  UNKNOWN_ACT: { http: 422, retryable: false },
  // Processing (shown on the act, HTTP 4xx only when asked for synchronously)
  UNREADABLE_PDF: { http: 422, retryable: false },
  UNSUPPORTED_DOCUMENT: { http: 422, retryable: false },
  // A TOTEM flux that is not a budget document (root, namespace, missing header): refused at the door.
  INVALID_TOTEM: { http: 400, retryable: false },
  // The operator must add the DGFiP account plan to the configured folder; then a retry succeeds.
  MISSING_ACCOUNT_PLAN: { http: 422, retryable: true },
  // Infrastructure
  SERVICE_UNAVAILABLE: { http: 503, retryable: true },
  INTERNAL_ERROR: { http: 500, retryable: true },
  // Too many requests for one token (or one client address) in the current window: wait Retry-After seconds.
  RATE_LIMITED: { http: 429, retryable: true },
  // Pull connectors (a transmission platform's API): down, refusing our credentials, or answering nonsense.
  PLATFORM_UNAVAILABLE: { http: 502, retryable: true },
  PLATFORM_AUTH_FAILED: { http: 502, retryable: false },
  PLATFORM_BAD_RESPONSE: { http: 502, retryable: false },
  // A procurement data (DECP) file that is not JSON or XML, or matches no known DECP version: refused at the door.
  INVALID_DECP: { http: 400, retryable: false },
  // A subventions file that is not a CSV table at all (binary, no separator in its header, unterminated quote): refused at the door.
  INVALID_CSV: { http: 400, retryable: false },
  // Open data portals (udata, CKAN) we publish to: down or throttling (retried), or refusing what we send.
  PORTAL_UNAVAILABLE: { http: 502, retryable: true },
  PORTAL_REJECTED: { http: 502, retryable: false },
  PORTAL_AUTH_FAILED: { http: 502, retryable: false },
  PORTAL_NOT_FOUND: { http: 502, retryable: false },
  PORTAL_LOCKED: { http: 502, retryable: false },
  // A reuser's webhook did not answer 2xx (or not in time): retried with backoff, every attempt in the delivery log.
  WEBHOOK_DELIVERY_FAILED: { http: 502, retryable: true },
} as const satisfies Record<string, { http: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ErrorCodes;

export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CodedError';
  }

  get retryable(): boolean {
    return ErrorCodes[this.code].retryable;
  }
}

export function isCodedError(err: unknown): err is CodedError {
  return err instanceof CodedError;
}
