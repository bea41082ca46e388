import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_STATUS } from '@anchang/contracts';
import { AppError, forbidden, notFound } from './errors.js';

describe('error statuses', () => {
  it('gives every code one error status, and no status to an unknown code', () => {
    for (const code of ERROR_CODES) {
      expect(Number.isInteger(ERROR_STATUS[code]), code).toBe(true);
      expect(ERROR_STATUS[code] >= 400 && ERROR_STATUS[code] <= 599, code).toBe(true);
    }
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('takes the status from the code, not from the throw site', () => {
    expect(new AppError('SITE_NOT_FOUND').status).toBe(404);
    expect(new AppError('VALIDATION_FAILED', { params: { field: 'x' } }).status).toBe(400);
    expect(notFound('ZONE_NOT_FOUND').status).toBe(404);
    expect(forbidden().status).toBe(403);
  });
});
