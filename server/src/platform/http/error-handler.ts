/**
 * The one error model: `{ error: { code, message, params } }`. AppErrors keep their code;
 * Fastify's own errors (bad JSON, validation, body size, media type) map to stable codes; a
 * database that is out of reach or overloaded is a 503 with Retry-After, so clients back off
 * and retry; anything else is a 500 whose detail stays in the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DISPLAY_NAME_FORMAT, ERROR_STATUS, type ErrorCode } from '@anchang/contracts';
import { AppError } from '../errors.js';
import { WriteWaitTimeout } from './write-gate.js';
import { databaseErrorKind } from '../../db/create-db.js';

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
  params?: Record<string, unknown>;
}

/** How long a client should wait before retrying, by what is wrong with the database. */
const DATABASE_RETRY_AFTER_SECONDS = { busy: 2, unavailable: 5 } as const;

function mapDatabaseError(err: unknown): Mapped | null {
  const kind = err instanceof WriteWaitTimeout ? 'busy' : databaseErrorKind(err);
  if (kind === null) return null;
  const retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS[kind];
  return kind === 'busy'
    ? { status: ERROR_STATUS.DATABASE_BUSY, code: 'DATABASE_BUSY', message: 'The server is busy; try again shortly', params: { retryAfterSeconds } }
    : {
        status: ERROR_STATUS.DATABASE_UNAVAILABLE,
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database is out of reach; try again shortly',
        params: { retryAfterSeconds },
      };
}

/** An invalid body answers with this many issues at most: enough to fix a form, never a dump. */
export const MAX_ISSUES = 5;
/** Paths and unknown field names are named only when they look like a schema's own names (short words), never quoted. */
const SAFE_NAME = /^[\w./-]{1,64}$/;

interface Issue {
  where: string;
  path: string;
  rule: string;
  message: string;
  field?: string;
}

/**
 * The validator's findings as the answer's issues: the first few only, each naming the rule and
 * the place (never the value sent), so a huge or hostile body gets a short, safe answer.
 */
function toIssues(err: FastifyError): { issues: Issue[]; total: number; isName: boolean } {
  const all = err.validation ?? [];
  const issues = all.slice(0, MAX_ISSUES).map((v): Issue => {
    const field = v.keyword === 'additionalProperties' ? (v.params as { additionalProperty?: unknown }).additionalProperty : undefined;
    return {
      where: err.validationContext ?? 'body',
      path: SAFE_NAME.test(v.instancePath) ? v.instancePath : v.instancePath ? '(path)' : '/',
      rule: v.keyword,
      message:
        v.keyword === 'format' && (v.params as { format?: unknown }).format === DISPLAY_NAME_FORMAT
          ? 'must be a name'
          : (v.message ?? v.keyword).slice(0, 200),
      ...(typeof field === 'string' ? { field: SAFE_NAME.test(field) ? field : '(field)' } : {}),
    };
  });
  const isName = all.some((v) => v.keyword === 'format' && (v.params as { format?: unknown }).format === DISPLAY_NAME_FORMAT);
  return { issues, total: all.length, isName };
}

function mapFastifyError(err: FastifyError): Mapped | null {
  if (err.validation) {
    const { issues, total, isName } = toIssues(err);
    const params = { issues, ...(total > issues.length ? { more: total - issues.length } : {}) };
    // A malformed id in the path is its own, clearer error; so is a name that shows nothing.
    if (err.validationContext === 'params')
      return { status: ERROR_STATUS.INVALID_ID, code: 'INVALID_ID', message: 'An id in the path is not valid', params };
    if (isName)
      return {
        status: ERROR_STATUS.NAME_INVALID,
        code: 'NAME_INVALID',
        message: 'A name must show something, without control or direction characters',
        params,
      };
    return { status: ERROR_STATUS.VALIDATION_FAILED, code: 'VALIDATION_FAILED', message: 'The request is not valid', params };
  }
  switch (err.code) {
    // A path segment that is not valid percent-encoding, or longer than any id: the router
    // answers before any schema sees it, so it is named here as the malformed id it is.
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: ERROR_STATUS.INVALID_ID, code: 'INVALID_ID', message: 'An id in the path is not valid' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: ERROR_STATUS.MALFORMED_JSON, code: 'MALFORMED_JSON', message: 'The body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: ERROR_STATUS.BODY_TOO_LARGE, code: 'BODY_TOO_LARGE', message: 'The body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: ERROR_STATUS.UNSUPPORTED_MEDIA_TYPE, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json' };
    default:
      break;
  }
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return { status: ERROR_STATUS.MALFORMED_JSON, code: 'MALFORMED_JSON', message: 'The body is not valid JSON' };
  }
  if (err.statusCode === 429) {
    return { status: ERROR_STATUS.LOGIN_RATE_LIMITED, code: 'LOGIN_RATE_LIMITED', message: 'Too many requests' };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's own message may quote what was sent (a header, a media type): not echoed.
    return { status: err.statusCode, code: 'VALIDATION_FAILED', message: 'The request is not valid' };
  }
  return null;
}

/** Answers any error in the one error model; used by the app's error handler and for the router's own errors. */
export function sendError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let mapped: Mapped | null;
  if (err instanceof AppError) {
    mapped = { status: err.status, code: err.code, message: err.message, params: err.params };
  } else {
    mapped = mapDatabaseError(err) ?? mapFastifyError(err);
  }
  if (!mapped) {
    request.log.error({ err }, 'unhandled error');
    mapped = { status: ERROR_STATUS.INTERNAL_ERROR, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' };
  } else if (mapped.code === 'DATABASE_BUSY' || mapped.code === 'DATABASE_UNAVAILABLE') {
    // Every request says the same while the database is away: one line each, no stack.
    request.log.warn({ code: mapped.code, reason: err.message }, 'database not available for this request');
  } else if (mapped.status >= 500) {
    request.log.error({ err }, 'server error');
  }
  const body = { error: { code: mapped.code, message: mapped.message, ...(mapped.params ? { params: mapped.params } : {}) } };
  // Throttles (429) and a busy server (503) say when to come back, in the header as well.
  const retryAfter = mapped.params?.retryAfterSeconds;
  if ((mapped.status === 429 || mapped.status === 503) && typeof retryAfter === 'number' && retryAfter > 0) {
    void reply.header('retry-after', String(retryAfter));
  }
  return reply.status(mapped.status).send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
}
