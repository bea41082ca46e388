import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { pageRequest, toPage } from './pagination.js';

const id = (n: number) => `01a22113-5b0e-7002-8341-${String(n).padStart(12, '0')}`;

describe('keyset pagination', () => {
  it('returns a cursor only when another page exists, and it decodes to the last id', () => {
    const req = pageRequest({ limit: 2 });
    const page = toPage([{ id: id(1) }, { id: id(2) }, { id: id(3) }], req, (r) => r.id);
    expect(page.items).toEqual([id(1), id(2)]);
    expect(pageRequest({ cursor: page.nextCursor! }).afterId).toBe(id(2));
    expect(toPage([{ id: id(1) }], req, (r) => r.id).nextCursor).toBeNull();
  });

  it('rejects a cursor it did not make', () => {
    expect(() => pageRequest({ cursor: 'garbage' })).toThrow(AppError);
  });
});
