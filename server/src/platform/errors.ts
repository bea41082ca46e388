import type { ErrorCode } from '@anchang/contracts';

/**
 * The one error type services throw. The HTTP error handler turns it into
 * `{ error: { code, message, params } }` with its status.
 */
export class AppError extends Error {
  readonly status: number;
  readonly params: Record<string, unknown> | undefined;
  constructor(
    readonly code: ErrorCode,
    opts: { status?: number; message?: string; params?: Record<string, unknown> } = {},
  ) {
    super(opts.message ?? code);
    this.status = opts.status ?? 400;
    this.params = opts.params;
  }
}

export const notFound = (code: ErrorCode, params?: Record<string, unknown>) => new AppError(code, { status: 404, message: 'Not found', params });
export const forbidden = (params?: Record<string, unknown>) =>
  new AppError('FORBIDDEN', { status: 403, message: 'You may not do this here', params });
