import { describe, expect, it } from 'vitest';
import { maskPhone } from './mask.js';

describe('maskPhone', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('123')).toBe('****');
  });
});
