/**
 * The one error model: `{ error: { code, message, params } }`. AppErrors keep their code;
 * Fastify's own errors (bad JSON, validation, body size, media type) map to stable codes;
 * anything else is a 500 whose detail stays in the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '@anchang/contracts';
import { AppError } from '../errors.js';

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
  params?: Record<string, unknown>;
}

function mapFastifyError(err: FastifyError): Mapped | null {
  if (err.validation) {
    const issues = err.validation.map((v) => ({
      where: err.validationContext ?? 'body',
      path: v.instancePath || '/',
      rule: v.keyword,
      message: v.message ?? v.keyword,
      ...(v.keyword === 'additionalProperties' ? { field: (v.params as { additionalProperty?: string }).additionalProperty } : {}),
    }));
    // A malformed id in the path is its own, clearer error.
    const code: ErrorCode = err.validationContext === 'params' ? 'INVALID_ID' : 'VALIDATION_FAILED';
    return { status: 400, code, message: code === 'INVALID_ID' ? 'An id in the path is not valid' : 'The request is not valid', params: { issues } };
  }
  switch (err.code) {
    // A path segment that is not valid percent-encoding, or longer than any id: the router
    // answers before any schema sees it, so it is named here as the malformed id it is.
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 400, code: 'INVALID_ID', message: 'An id in the path is not valid' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'MALFORMED_JSON', message: 'The body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'BODY_TOO_LARGE', message: 'The body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json' };
    default:
      break;
  }
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return { status: 400, code: 'MALFORMED_JSON', message: 'The body is not valid JSON' };
  }
  if (err.statusCode === 429) {
    return { status: 429, code: 'LOGIN_RATE_LIMITED', message: 'Too many requests' };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, code: 'VALIDATION_FAILED', message: err.message };
  }
  return null;
}

/** Answers any error in the one error model; used by the app's error handler and for the router's own errors. */
export function sendError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let mapped: Mapped | null;
  if (err instanceof AppError) {
    mapped = { status: err.status, code: err.code, message: err.message, params: err.params };
  } else {
    mapped = mapFastifyError(err);
  }
  if (!mapped) {
    request.log.error({ err }, 'unhandled error');
    mapped = { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' };
  } else if (mapped.status >= 500) {
    request.log.error({ err }, 'server error');
  }
  const body = { error: { code: mapped.code, message: mapped.message, ...(mapped.params ? { params: mapped.params } : {}) } };
  if (mapped.code === 'LOGIN_RATE_LIMITED' && mapped.params?.retryAfterSeconds) {
    void reply.header('retry-after', `${mapped.params.retryAfterSeconds as number}`);
  }
  return reply.status(mapped.status).send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
}
