import { ERROR_STATUS, type ErrorCode } from '@anchang/contracts';

/**
 * The one error type services throw. The HTTP error handler turns it into
 * `{ error: { code, message, params } }` with its status, which the code decides
 * (ERROR_STATUS in contracts): a throw site names what went wrong, never how to answer it.
 */
export class AppError extends Error {
  readonly status: number;
  readonly params: Record<string, unknown> | undefined;
  constructor(
    readonly code: ErrorCode,
    opts: { message?: string; params?: Record<string, unknown> } = {},
  ) {
    super(opts.message ?? code);
    this.status = ERROR_STATUS[code];
    this.params = opts.params;
  }
}

export const notFound = (code: ErrorCode, params?: Record<string, unknown>) => new AppError(code, { message: 'Not found', params });
export const forbidden = (params?: Record<string, unknown>) => new AppError('FORBIDDEN', { message: 'You may not do this here', params });
