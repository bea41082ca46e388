/**
 * Stable error codes. The server answers `{ error: { code, message, params } }`; the web app
 * translates `errors.<code>`. Add a code here before throwing it.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'BODY_TOO_LARGE',
  'ROUTE_NOT_FOUND',
  'INVALID_ID',
  'INVALID_CURSOR',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'LOGIN_RATE_LIMITED',
  'WRONG_CURRENT_PASSWORD',
  'PASSWORD_TOO_WEAK',
  'FORBIDDEN',
  'SITE_NOT_FOUND',
  'ZONE_NOT_FOUND',
  'POST_NOT_FOUND',
  'PERSON_NOT_FOUND',
  'LOGIN_TAKEN',
  'ZONE_NAME_TAKEN',
  'POST_NAME_TAKEN',
  'INVALID_TIME_ZONE',
  'INVALID_OPENING_HOURS',
  'CAPACITY_NOT_APPLICABLE',
  'CAPACITY_REQUIRED',
  'ZONE_IN_USE',
  'CANNOT_REMOVE_SELF',
  'LAST_MANAGER',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; params?: Record<string, unknown> };
}
